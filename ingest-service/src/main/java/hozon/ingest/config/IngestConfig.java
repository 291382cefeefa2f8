package hozon.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;

@ConfigMapping(prefix = "hozon.ingest")
public interface IngestConfig {

    /** How far in the future (by this service's clock) an event time may lie before it is refused. */
    @WithDefault("PT5M")
    Duration maxFutureSkew();

    /** Most records one JSON batch may carry; larger batches are refused (split them). */
    @WithDefault("10000")
    int maxBatchRecords();

    /** Zone whose calendar days the statistics endpoint counts in (reports are in JST). */
    @WithDefault("Asia/Tokyo")
    ZoneId reportZone();

    /** Longest window the statistics endpoint scans at once. */
    @WithDefault("P400D")
    java.time.Period maxStatsWindow();

    Purge purge();

    Lookup lookup();

    interface Lookup {
        /** Clocks of NAS, CGN and content servers disagree: intervals are widened by this much, and the answer says so. */
        @WithDefault("PT2S")
        Duration clockTolerance();

        /** How far before and after a post to look for the account's logins (侵害関連通信). */
        @WithDefault("P1D")
        Duration nearestWindow();

        /**
         * How long policy-service's "allowed" for (case, look-up, category) is relied on before it
         * is asked again; never beyond the case's validity. A case closed at policy-service takes
         * effect here within this time. Refusals are never remembered. PT0S asks every time.
         */
        @WithDefault("PT5S")
        Duration decisionTtl();
    }

    interface Purge {
        /** A plan older than this (asOf vs. this service's clock) is refused: deletion needs a fresh plan. */
        @WithDefault("PT15M")
        Duration maxPlanAge();

        /**
         * Ask policy-service, before each deleting transaction commits, whether any hold changed
         * since the plan; if so, or if it cannot answer, stop and delete nothing more.
         */
        @WithDefault("true")
        boolean confirmHoldsUnchanged();
    }
}
