package hozon.suite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Starts the real suite for a cross-service test: packaged services, real ports, one PostgreSQL. */
final class SuiteFixture {

    /** How long ingest-service relies on policy-service's "allowed" for a case: short, so tests can outwait it. */
    static final Duration DECISION_TTL = Duration.ofSeconds(1);

    private SuiteFixture() {
    }

    static Suite start(String name) throws Exception {
        return start(name, Map.of());
    }

    /** @param env extra environment for every service, e.g. purge-service's grace or pause */
    static Suite start(String name, Map<String, String> env) throws Exception {
        Map<String, String> all = new java.util.HashMap<>();
        // Scheduled purges off: the tests trigger runs themselves. A one-second grace, so that
        // rules created by a test count for deletion a moment later.
        all.put("HOZON_PURGE_INTERVAL", "off");
        all.put("HOZON_PURGE_GRACE", "PT1S");
        all.put("HOZON_INGEST_LOOKUP_DECISION_TTL", DECISION_TTL.toString());
        all.put("HOZON_SECURITY_RATE_LIMIT_PER_SECOND", "10000");
        all.put("HOZON_SECURITY_RATE_LIMIT_BURST", "10000");
        all.putAll(env);
        Path root = Path.of(System.getProperty("hozon.root", "..")).toAbsolutePath().normalize();
        Suite.Options options = new Suite.Options(root, root.resolve("hozon-suite/target/" + name),
                System.getenv("HOZON_TEST_DB_URL"), System.getenv("HOZON_TEST_DB_USER"),
                System.getenv("HOZON_TEST_DB_PASSWORD"), 0, false, false, Map.of(), all,
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), Duration.ofSeconds(180));
        return Suite.start(options);
    }
}
