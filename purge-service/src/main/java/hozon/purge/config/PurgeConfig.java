package hozon.purge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "hozon.purge")
public interface PurgeConfig {

    /** Scheduled run interval (e.g. 1h, 15m), or "off" to run only on demand. */
    @WithDefault("1h")
    String interval();

    /** Delay after start before the first scheduled run. */
    @WithDefault("1m")
    String initialDelay();

    /**
     * A rule version or purpose achievement deletes records only once it has been on record
     * this long: a mistaken rule change can be superseded before anything goes.
     */
    @WithDefault("PT1H")
    Duration grace();

    /**
     * Subtracted from every cutoff before execution: records are kept this much longer than the
     * plan says, so that clock differences between services can never delete early.
     */
    @WithDefault("PT10M")
    Duration safetyMargin();

    /**
     * Wait between recording the plan and executing it. Zero in production; drills and the
     * cross-service tests use it to place a hold while a run is in flight.
     */
    @WithDefault("PT0S")
    Duration pauseBeforeExecution();

    /** Most runs the run list returns at once. */
    @WithDefault("100")
    int maxListedRuns();

    Metrics metrics();

    /** The scheduled recomputation of the compliance gauges ({@link hozon.purge.service.PurgeMetrics}). */
    interface Metrics {
        /**
         * How often (a duration such as 5m). Each time asks policy-service for the plan and
         * ingest-service for a dry run's counts (which counts the overdue rows: on a very large
         * store, lengthen it), and verifies the ledger.
         */
        @WithDefault("5m")
        String interval();
    }
}
