package hozon.purge.service;

import hozon.problem.ProblemException;
import hozon.purge.client.IngestGateway;
import hozon.purge.client.PolicyGateway;
import hozon.purge.client.PurgeExecution;
import hozon.purge.client.PurgeOrder;
import hozon.purge.client.PurgePlan;
import hozon.purge.config.PurgeConfig;
import hozon.purge.domain.PurgeRun;
import hozon.purge.domain.PurgeRun.Outcome;
import hozon.purge.domain.PurgeRun.Trigger;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * One purge run: record it, fetch a fresh plan, have ingest-service execute it, record the
 * outcome. Fails closed: without a plan nothing is deleted, and the run says why. One run at
 * a time per instance.
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
    MeterRegistry metrics;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong lastSuccessEpochSeconds = new AtomicLong();

    @jakarta.annotation.PostConstruct
    void registerGauges() {
        metrics.gauge("hozon_purge_last_success_epoch_seconds", lastSuccessEpochSeconds);
    }

    /** Runs a purge now, unless one is already running (then a 409 problem). */
    public PurgeRun run(Trigger trigger) {
        if (!running.compareAndSet(false, true)) {
            throw ProblemException.conflict("purge-running", "A purge run is already in progress; try again when it ends");
        }
        try {
            return doRun(trigger);
        } finally {
            running.set(false);
        }
    }

    private PurgeRun doRun(Trigger trigger) {
        Instant asOf = clock.instant();
        UUID id = runs.start(trigger, asOf);
        PurgePlan plan;
        try {
            plan = policy.plan(asOf);
        } catch (RuntimeException e) {
            return fail(id, "policy-service unavailable, nothing deleted: " + describe(e));
        }
        if (plan == null || plan.asOf() == null || !plan.asOf().equals(asOf) || plan.categories() == null) {
            return fail(id, "policy-service answered with a plan for another instant or without categories; nothing deleted");
        }
        List<PurgeOrder.Cutoff> cutoffs;
        try {
            cutoffs = runs.recordPlan(id, plan, config.safetyMargin());
        } catch (RuntimeException e) {
            return fail(id, "the plan could not be recorded, nothing deleted: " + describe(e));
        }
        PurgeExecution execution;
        try {
            execution = ingest.execute(new PurgeOrder(id, plan.digest(), plan.asOf(), cutoffs, plan.holdsOrEmpty(),
                    plan.achievementsOrEmpty()));
        } catch (RuntimeException e) {
            return fail(id, "ingest-service did not execute the plan: " + describe(e));
        }
        Map<String, PurgeExecution.CategoryOutcome> byCategory = execution.categories().stream()
                .collect(Collectors.toMap(PurgeExecution.CategoryOutcome::category, Function.identity()));
        PurgeRun done = runs.succeed(id, byCategory, clock.instant());
        byCategory.values().forEach(o -> metrics.counter("hozon_purge_rows_removed_total", "category", o.category())
                .increment(o.removed()));
        metrics.counter("hozon_purge_runs_total", "outcome", "SUCCEEDED").increment();
        lastSuccessEpochSeconds.set(done.finishedAt.getEpochSecond());
        LOG.infof("purge run %s succeeded: %d categories, %d rows removed", id, byCategory.size(),
                byCategory.values().stream().mapToLong(PurgeExecution.CategoryOutcome::removed).sum());
        return done;
    }

    private PurgeRun fail(UUID id, String reason) {
        LOG.warnf("purge run %s failed: %s", id, reason);
        metrics.counter("hozon_purge_runs_total", "outcome", Outcome.FAILED.name()).increment();
        return runs.fail(id, reason, clock.instant());
    }

    /**
     * A reason fit for the run record: what failed, without stack traces. An HTTP refusal is
     * quoted by its status and problem detail (the peers never put identifiers there).
     */
    private static String describe(Throwable e) {
        if (e instanceof jakarta.ws.rs.WebApplicationException wae && wae.getResponse() != null) {
            String detail = "";
            try {
                detail = wae.getResponse().readEntity(com.fasterxml.jackson.databind.JsonNode.class).path("detail").asText("");
            } catch (RuntimeException unreadable) {
                // no problem body; the status says enough
            }
            return "HTTP " + wae.getResponse().getStatus() + (detail.isEmpty() ? "" : ": " + truncate(detail));
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + truncate(root.getMessage()));
    }

    private static String truncate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
