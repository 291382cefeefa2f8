package hozon.policy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;

@ConfigMapping(prefix = "hozon.policy")
public interface PolicyConfig {

    /** Zone whose calendar retention periods are counted in (months, month ends, leap days). */
    @WithDefault("Asia/Tokyo")
    ZoneId calendarZone();

    Hold hold();

    interface Hold {
        /** Widest event window a hold may cover; wider ones are blanket holds and refused. */
        @WithDefault("P366D")
        Duration maxWindow();

        /** An emergency preservation's review date may lie at most this many days ahead. */
        @WithDefault("30")
        int maxEmergencyReviewDays();

        /** Widest IPv4 prefix a hold selector may name (a smaller number is a wider prefix). */
        @WithDefault("24")
        int minIpv4PrefixLength();

        /** Widest IPv6 prefix a hold selector may name. */
        @WithDefault("48")
        int minIpv6PrefixLength();
    }

    Metrics metrics();

    /** The gauges of {@link hozon.policy.service.PolicyMetrics}. */
    interface Metrics {
        /** How often the gauges are recomputed (a Quarkus scheduler duration such as 30s or 1m). */
        @WithDefault("30s")
        String interval();

        /** A hold counts in hozon_holds_ending_soon when it ends within this. */
        @WithDefault("P7D")
        Duration endingSoon();
    }
}
