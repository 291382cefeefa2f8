package hozon.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Everything the console is told from outside ({@code hozon.console.*}). */
@ConfigMapping(prefix = "hozon.console")
public interface ConsoleConfig {

    /** Where the three services answer; the console calls them with the signed-in person's token. */
    Services services();

    /** How long one call to a service may take before the page says it is unavailable. */
    @WithDefault("PT10S")
    Duration requestTimeout();

    /** A session (either sign-in mode) ends after this long without a request. */
    @WithDefault("PT30M")
    Duration sessionIdleTimeout();

    /**
     * The local sign-in page, for {@code ./run-suite} only: a directory of {@code <name>.jwt}
     * tokens the suite's local issuer wrote for its demo people. Absent (production): the page
     * does not exist and people sign in through OIDC.
     */
    Optional<Path> localSignInDir();

    /** Holds ending within this many days are listed on the dashboard. */
    @WithDefault("14")
    int holdsEndingWithinDays();

    /** The most tuples one pasted or uploaded look-up list may carry (ingest-service has its own limit too). */
    @WithDefault("1000")
    int maxListTuples();

    Pdf pdf();

    interface Services {
        String policy();

        String ingest();

        String purge();
    }

    interface Pdf {
        /** A TrueType font with Japanese glyphs, embedded (subset) in every PDF: IPAex Gothic from Debian's fonts-ipaexfont by default. */
        @WithDefault("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")
        Path fontFile();
    }
}
