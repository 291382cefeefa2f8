package hozon.purge.service;

import hozon.problem.ProblemException;
import hozon.purge.client.PurgeExecution;
import hozon.purge.client.PurgeOrder;
import hozon.purge.client.PurgePlan;
import hozon.purge.domain.PurgeRun;
import hozon.purge.domain.PurgeRunCategory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Persists runs. Each step commits on its own, so a run that dies half-way is still on record
 * as RUNNING with its plan, never silently absent.
 */
@ApplicationScoped
public class PurgeRunStore {

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

    /**
     * Records the plan the run executes and returns the cutoffs to apply: the plan's, each
     * moved back by the safety margin.
     */
    @Transactional
    public List<PurgeOrder.Cutoff> recordPlan(UUID id, PurgePlan plan, Duration safetyMargin) {
        PurgeRun run = PurgeRun.findById(id);
        run.planDigest = plan.digest();
        run.holdsHonoured.addAll(plan.holdIds());
        List<PurgeOrder.Cutoff> applied = new ArrayList<>();
        for (PurgePlan.CategoryCutoff c : plan.categories()) {
            PurgeRunCategory rc = new PurgeRunCategory();
            rc.key.category = c.category();
            rc.run = run;
            rc.ruleId = c.ruleId();
            rc.ruleVersion = c.ruleVersion();
            rc.period = c.period();
            rc.planCutoff = c.cutoff();
            rc.appliedCutoff = c.cutoff().minus(safetyMargin);
            run.categories.add(rc);
            applied.add(new PurgeOrder.Cutoff(c.category(), rc.appliedCutoff));
        }
        return applied;
    }

    @Transactional
    public PurgeRun succeed(UUID id, Map<String, PurgeExecution.CategoryOutcome> outcomes, Instant finished) {
        PurgeRun run = PurgeRun.findById(id);
        for (PurgeRunCategory rc : run.categories) {
            PurgeExecution.CategoryOutcome o = outcomes.get(rc.key.category);
            if (o != null) {
                rc.partitionsDropped = o.partitionsDropped() == null ? 0 : o.partitionsDropped().size();
                rc.rowsDeleted = o.removed();
                rc.rowsDeletedForPurpose = o.rowsDeletedForPurpose();
                rc.rowsHeld = o.rowsHeld();
            }
        }
        run.outcome = PurgeRun.Outcome.SUCCEEDED;
        run.finishedAt = finished;
        return run;
    }

    @Transactional
    public PurgeRun fail(UUID id, String reason, Instant finished) {
        PurgeRun run = PurgeRun.findById(id);
        run.outcome = PurgeRun.Outcome.FAILED;
        run.failureReason = reason;
        run.finishedAt = finished;
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
    public List<PurgeRun> latest(int limit) {
        return PurgeRun.latest(limit);
    }
}
