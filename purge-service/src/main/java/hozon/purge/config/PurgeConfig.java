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
     * Subtracted from every cutoff before execution: records are kept this much longer than the
     * plan says, so that clock differences between services can never delete early.
     */
    @WithDefault("PT10M")
    Duration safetyMargin();

    /** Most runs the run list returns at once. */
    @WithDefault("100")
    int maxListedRuns();
}
