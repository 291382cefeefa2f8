package hozon.purge.service;

import hozon.problem.ProblemException;
import hozon.purge.client.IngestGateway;
import hozon.problem.PeerFailure;
import hozon.purge.client.PolicyGateway;
import hozon.purge.client.PurgeExecution;
import hozon.purge.client.PurgePlan;
import hozon.purge.config.PurgeConfig;
import hozon.purge.domain.AppliedPlan;
import hozon.purge.domain.PurgeRun;
import hozon.purge.domain.PurgeRun.Outcome;
import hozon.purge.domain.PurgeRun.Trigger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One purge run: record it, fetch fresh plans, have ingest-service execute them, record what
 * actually went and append the ledger entry. Fails closed: without both plans nothing is
 * deleted, and the run says why. One run at a time per instance; purge-service runs as a
 * single replica (see deploy/), so a run found RUNNING at the start of another was
 * interrupted and is closed with the counts ingest-service logged for it.
 */
@ApplicationScoped
public class PurgeRunner {

    private static final Logger LOG = Logger.getLogger(PurgeRunner.class);

    @Inject
    PolicyGateway policy;

    @Inject
    IngestGateway ingest;

    @Inject
    PurgeRunStore runs;

    @Inject
    PurgeConfig config;

    @Inject
    Clock clock;

    @Inject
    PurgeMetrics purgeMetrics;

    private final AtomicBoolean running = new AtomicBoolean();


    /** Runs a purge now, unless one is already running (then a 409 problem). */
    public PurgeRun run(Trigger trigger) {
        if (!running.compareAndSet(false, true)) {
            throw ProblemException.conflict("purge-running", "A purge run is already in progress; try again when it ends");
        }
        try {
            reconcileInterrupted();
            return doRun(trigger);
        } finally {
            running.set(false);
        }
    }

    /** The two plans merged into what a run would apply now; used by runs, the dry run and compliance. */
    public AppliedPlan currentPlan(Instant asOf) {
        PurgePlan current = policy.plan(asOf, asOf);
        PurgePlan known = policy.plan(asOf, asOf.minus(config.grace()));
        if (current == null || known == null || !asOf.equals(current.asOf()) || !asOf.equals(known.asOf())
                || current.categories() == null || known.categories() == null) {
            throw new IllegalStateException("policy-service answered with a plan for another instant or without"
                    + " categories");
        }
        return AppliedPlan.of(current, known, config.safetyMargin());
    }

    private PurgeRun doRun(Trigger trigger) {
        Instant asOf = clock.instant();
        UUID id = runs.start(trigger, asOf);
        AppliedPlan plan;
        try {
            plan = currentPlan(asOf);
        } catch (RuntimeException e) {
            return end(id, Outcome.FAILED, PeerFailure.describe("policy-service", e) + "; nothing deleted", null);
        }
        // Our own database failing is not policy-service's fault: it fails the run as an internal error.
        runs.recordPlan(id, plan);
        pause();
        PurgeExecution execution;
        try {
            execution = ingest.execute(plan.toOrder(id));
        } catch (RuntimeException e) {
            return end(id, Outcome.FAILED, "ingest-service did not execute the plan: "
                    + PeerFailure.describe("ingest-service", e), removedSoFar(id));
        }
        if (!execution.completed()) {
            return end(id, Outcome.FAILED, "ingest-service stopped: " + execution.abortReason(), execution);
        }
        return end(id, Outcome.SUCCEEDED, null, execution);
    }

    /** Closes runs left RUNNING by a crash, with the counts ingest-service logged for them. */
    private void reconcileInterrupted() {
        for (UUID stale : runs.running()) {
            try {
                PurgeExecution removed = ingest.summary(stale);
                end(stale, Outcome.FAILED, "interrupted: purge-service stopped during the run; counts are those"
                        + " ingest-service logged for it", removed);
            } catch (RuntimeException e) {
                LOG.warnf("run %s is still open: ingest-service could not say what it removed (%s)", stale,
                        PeerFailure.describe("ingest-service", e));
            }
        }
    }

    private PurgeExecution removedSoFar(UUID id) {
        try {
            return ingest.summary(id);
        } catch (RuntimeException e) {
            LOG.warnf("run %s: counts unknown, ingest-service unreachable; the next run records them", id);
            return null;
        }
    }

    private PurgeRun end(UUID id, Outcome outcome, String reason, PurgeExecution removed) {
        PurgeRun run = runs.finish(id, outcome, reason, removed, clock.instant());
        purgeMetrics.runEnded(run, removed);
        if (outcome == Outcome.SUCCEEDED) {
            LOG.infof("purge run %s succeeded", id);
        } else {
            LOG.warnf("purge run %s failed: %s", id, reason);
        }
        return run;
    }

    private void pause() {
        if (!config.pauseBeforeExecution().isZero()) {
            try {
                Thread.sleep(config.pauseBeforeExecution().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
