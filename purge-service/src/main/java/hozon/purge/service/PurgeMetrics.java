package hozon.purge.service;

import hozon.problem.PeerFailure;
import hozon.purge.client.PurgeExecution;
import hozon.purge.config.PurgeConfig;
import hozon.purge.domain.PurgeRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * purge-service's metrics. The compliance gauges (records overdue and the age of the oldest
 * one per category, the ledger's verification) are recomputed on a schedule
 * (hozon.purge.metrics.interval), not when someone reads a report, so that an alert on them can
 * fire; the run counters move as runs end. Units are in the names (Prometheus conventions).
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class PurgeMetrics {

    private static final Logger LOG = Logger.getLogger(PurgeMetrics.class);

    @Inject
    MeterRegistry registry;

    @Inject
    PreviewService previews;

    @Inject
    Ledger ledger;

    @Inject
    PurgeRunStore runs;

    @Inject
    PurgeConfig config;

    @Inject
    Clock clock;

    private final AtomicLong lastSuccess = new AtomicLong();
    private final AtomicLong ledgerValid = new AtomicLong(1);
    private final AtomicLong ledgerEntries = new AtomicLong();
    private final AtomicLong refreshedAt = new AtomicLong();
    private final AtomicLong intervalSeconds = new AtomicLong();

    @PostConstruct
    void register() {
        Gauge.builder("hozon_purge_last_success_timestamp_seconds", lastSuccess, AtomicLong::get)
                .description("When the last successful purge run ended (Unix time; 0: none yet)").register(registry);
        Gauge.builder("hozon_ledger_valid", ledgerValid, AtomicLong::get)
                .description("1 while the purge ledger's hash chain verifies, 0 once a link is broken").register(registry);
        Gauge.builder("hozon_ledger_entries", ledgerEntries, AtomicLong::get)
                .description("Entries in the purge ledger").register(registry);
        Gauge.builder("hozon_purge_metrics_refreshed_timestamp_seconds", refreshedAt, AtomicLong::get)
                .description("When the compliance gauges were last recomputed (Unix time)").register(registry);
        intervalSeconds.set(seconds(config.interval()));
        Gauge.builder("hozon_purge_interval_seconds", intervalSeconds, AtomicLong::get)
                .description("The configured purge schedule's interval (0: scheduled runs are off)").register(registry);
        runs(PurgeRun.Outcome.SUCCEEDED);
        runs(PurgeRun.Outcome.FAILED);
        Counter.builder("hozon_purge_metrics_refresh_failures_total")
                .description("Scheduled recomputations of the compliance gauges that failed (a peer or the database down)")
                .register(registry);
    }

    private Counter runs(PurgeRun.Outcome outcome) {
        return Counter.builder("hozon_purge_runs_total").description("Purge runs ended, by outcome")
                .tag("outcome", outcome.name()).register(registry);
    }

    /** Called by {@link PurgeRunner} whenever a run ends. */
    void runEnded(PurgeRun run, PurgeExecution removed) {
        runs(run.outcome).increment();
        if (removed != null && removed.categories() != null) {
            for (PurgeExecution.CategoryOutcome o : removed.categories()) {
                Counter.builder("hozon_purge_rows_removed_total").description("Records removed by purge runs")
                        .tag("category", o.category()).register(registry).increment(o.removed());
                Counter.builder("hozon_purge_partitions_dropped_total")
                        .description("Day partitions dropped whole by purge runs").tag("category", o.category())
                        .register(registry).increment(o.partitionsDropped() == null ? 0 : o.partitionsDropped().size());
                Counter.builder("hozon_purge_keys_destroyed_total")
                        .description("Data keys destroyed (crypto-shredding) by purge runs").tag("category", o.category())
                        .register(registry).increment(o.keysDestroyed() == null ? 0 : o.keysDestroyed().size());
            }
        }
        if (run.outcome == PurgeRun.Outcome.SUCCEEDED && run.finishedAt != null) {
            lastSuccess.accumulateAndGet(run.finishedAt.getEpochSecond(), Math::max);
        }
    }

    @Scheduled(identity = "purge-metrics", every = "${hozon.purge.metrics.interval}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        refresh();
    }

    /** Recomputes the compliance gauges; a peer being down leaves the last values and counts a failure. */
    public void refresh() {
        try {
            PurgeRun last = runs.lastSucceeded();
            if (last != null && last.finishedAt != null) {
                lastSuccess.accumulateAndGet(last.finishedAt.getEpochSecond(), Math::max);
            }
            Ledger.Verification v = ledger.verify();
            ledgerValid.set(v.valid() ? 1 : 0);
            ledgerEntries.set(v.entries());
            previews.compliance();
            refreshedAt.set(clock.instant().getEpochSecond());
        } catch (RuntimeException e) {
            registry.counter("hozon_purge_metrics_refresh_failures_total").increment();
            LOG.warnf("compliance gauges not refreshed: %s", PeerFailure.describe("a peer", e));
        }
    }

    private static long seconds(String interval) {
        String s = interval.strip().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("off") || s.equals("disabled")) {
            return 0;
        }
        try {
            if (s.endsWith("d") && !s.startsWith("p")) {
                return java.time.Duration.parse("P" + s.toUpperCase(java.util.Locale.ROOT)).getSeconds();
            }
            return (s.startsWith("p") ? java.time.Duration.parse(s.toUpperCase(java.util.Locale.ROOT))
                    : java.time.Duration.parse("PT" + s.toUpperCase(java.util.Locale.ROOT))).getSeconds();
        } catch (java.time.format.DateTimeParseException e) {
            return 0;
        }
    }
}
