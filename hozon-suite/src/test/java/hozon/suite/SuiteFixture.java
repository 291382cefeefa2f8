package hozon.suite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Starts the real suite for a cross-service test: packaged services, real ports, one PostgreSQL. */
final class SuiteFixture {

    private SuiteFixture() {
    }

    static Suite start(String name) throws Exception {
        Path root = Path.of(System.getProperty("hozon.root", "..")).toAbsolutePath().normalize();
        Suite.Options options = new Suite.Options(root, root.resolve("hozon-suite/target/" + name), 
                System.getenv("HOZON_TEST_DB_URL"), System.getenv("HOZON_TEST_DB_USER"),
                System.getenv("HOZON_TEST_DB_PASSWORD"), 0, false, Map.of(),
                // Scheduled purges off: the tests trigger runs themselves.
                Map.of("HOZON_PURGE_INTERVAL", "off"),
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), Duration.ofSeconds(180));
        return Suite.start(options);
    }
}
