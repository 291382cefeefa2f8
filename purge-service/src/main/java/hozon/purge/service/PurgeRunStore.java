package hozon.purge.service;

import hozon.problem.ProblemException;
import hozon.purge.client.PurgeExecution;
import hozon.purge.domain.AppliedPlan;
import hozon.purge.domain.PurgeRun;
import hozon.purge.domain.PurgeRunCategory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Persists runs. Each step commits on its own, so a run that dies half-way is still on record
 * as RUNNING with its plan, never silently absent; its end and its ledger entry commit together.
 */
@ApplicationScoped
public class PurgeRunStore {

    @Inject
    Ledger ledger;

    @Transactional
    public UUID start(PurgeRun.Trigger trigger, Instant asOf) {
        PurgeRun run = new PurgeRun();
        run.id = UUID.randomUUID();
        run.trigger = trigger;
        run.startedAt = asOf;
        run.planAsOf = asOf;
        run.outcome = PurgeRun.Outcome.RUNNING;
        run.persist();
        return run.id;
    }

    /** Records the plan the run is about to execute. */
    @Transactional
    public void recordPlan(UUID id, AppliedPlan plan) {
        PurgeRun run = PurgeRun.findById(id);
        run.planDigest = plan.digest();
        run.knownPlanDigest = plan.knownDigest();
        run.holdsHonoured.addAll(plan.holdIds());
        for (AppliedPlan.CategoryCut c : plan.categories()) {
            PurgeRunCategory rc = new PurgeRunCategory();
            rc.key.category = c.category();
            rc.run = run;
            rc.ruleId = c.ruleId();
            rc.ruleVersion = c.ruleVersion();
            rc.period = c.period();
            rc.planCutoff = c.planCutoff();
            rc.appliedCutoff = c.appliedCutoff();
            run.categories.add(rc);
        }
    }

    /**
     * Ends a run with what actually went (from ingest-service's execution log, when known) and
     * appends its ledger entry in the same transaction.
     */
    @Transactional
    public PurgeRun finish(UUID id, PurgeRun.Outcome outcome, String reason, PurgeExecution removed, Instant finished) {
        PurgeRun run = PurgeRun.findById(id);
        if (removed != null && removed.categories() != null) {
            Map<String, PurgeExecution.CategoryOutcome> byCategory = removed.categories().stream()
                    .collect(Collectors.toMap(PurgeExecution.CategoryOutcome::category, Function.identity(), (a, b) -> a));
            for (PurgeRunCategory rc : run.categories) {
                PurgeExecution.CategoryOutcome o = byCategory.get(rc.key.category);
                if (o != null) {
                    rc.partitionsDropped = o.partitionsDropped() == null ? 0 : o.partitionsDropped().size();
                    rc.rowsDeleted = o.removed();
                    rc.rowsDeletedForPurpose = o.rowsDeletedForPurpose();
                    rc.rowsReleased = o.rowsReleasedFromPreservation();
                    rc.rowsHeld = o.rowsHeld();
                    rc.keysDestroyed = o.keysDestroyed() == null ? "" : o.keysDestroyed().stream()
                            .map(PurgeExecution.DestroyedKey::toString).collect(Collectors.joining(","));
                }
            }
        }
        run.outcome = outcome;
        run.failureReason = reason;
        run.finishedAt = finished;
        ledger.append(run);
        return run;
    }

    @Transactional
    public PurgeRun get(UUID id) {
        PurgeRun run = PurgeRun.findById(id);
        if (run == null) {
            throw ProblemException.notFound("Purge run", "No purge run " + id);
        }
        return run;
    }

    @Transactional
    public List<UUID> running() {
        return PurgeRun.running().stream().map(r -> r.id).toList();
    }

    @Transactional
    public PurgeRun lastSucceeded() {
        return PurgeRun.lastSucceeded();
    }

    @Transactional
    public List<PurgeRun> latest(int limit) {
        return PurgeRun.latest(limit);
    }
}
