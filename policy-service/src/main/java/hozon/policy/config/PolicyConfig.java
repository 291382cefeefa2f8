package hozon.policy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;

@ConfigMapping(prefix = "hozon.policy")
public interface PolicyConfig {

    /** Zone whose calendar retention periods are counted in (months, month ends, leap days). */
    @WithDefault("Asia/Tokyo")
    ZoneId calendarZone();
}
