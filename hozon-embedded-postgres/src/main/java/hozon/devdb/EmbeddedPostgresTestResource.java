package hozon.devdb;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at a real PostgreSQL: the one named by the environment
 * variable {@code HOZON_TEST_DB_URL} (with {@code HOZON_TEST_DB_USER} /
 * {@code HOZON_TEST_DB_PASSWORD}) when set, otherwise an embedded server started once per
 * test JVM under {@code target/embedded-pg} and stopped when the JVM exits.
 */
public class EmbeddedPostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String DATABASE = "hozon_test";
    /** ingest-service's key store: a database of its own, as in production (issue #11). */
    private static final String KEYS_DATABASE = "hozon_test_keys";
    /** ingest-service's key-encryption key for tests (written on first use, under target/). */
    private static final String KEK_FILE = "target/test-kek";
    /**
     * The running server's URL, kept as a system property because a test profile restarts
     * Quarkus in a new class loader, where this class's statics start empty again.
     */
    private static final String RUNNING_URL = "hozon.test.embedded-db.url";
    private static EmbeddedDatabase shared;

    @Override
    public synchronized Map<String, String> start() {
        String external = System.getenv("HOZON_TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            return Map.of(
                    "quarkus.datasource.jdbc.url", external,
                    "quarkus.datasource.username", envOr("HOZON_TEST_DB_USER", EmbeddedDatabase.USER),
                    "quarkus.datasource.password", envOr("HOZON_TEST_DB_PASSWORD", ""),
                    "hozon.ingest.keystore.jdbc-url", envOr("HOZON_TEST_KEYSTORE_DB_URL", external),
                    "hozon.ingest.crypto.kek-file", KEK_FILE,
                    "hozon.ingest.crypto.generate-kek-if-missing", "true");
        }
        String running = System.getProperty(RUNNING_URL);
        if (running != null) {
            return config(running, System.getProperty(RUNNING_URL + ".keys"));
        }
        try {
            if (shared == null) {
                shared = EmbeddedDatabase.start(Path.of("target", "embedded-pg"), 0, false, false);
                shared.createDatabaseIfMissing(DATABASE);
                shared.createDatabaseIfMissing(KEYS_DATABASE);
                EmbeddedDatabase db = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        db.close();
                    } catch (Exception ignored) {
                        // the JVM is going away; the data directory is wiped on the next start
                    }
                }));
            }
            System.setProperty(RUNNING_URL, shared.jdbcUrl(DATABASE));
            System.setProperty(RUNNING_URL + ".keys", shared.jdbcUrl(KEYS_DATABASE));
            return config(shared.jdbcUrl(DATABASE), shared.jdbcUrl(KEYS_DATABASE));
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded PostgreSQL for tests", e);
        }
    }

    private static Map<String, String> config(String url, String keysUrl) {
        return Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", EmbeddedDatabase.USER,
                "quarkus.datasource.password", "",
                "hozon.ingest.keystore.jdbc-url", keysUrl,
                "hozon.ingest.crypto.kek-file", KEK_FILE,
                "hozon.ingest.crypto.generate-kek-if-missing", "true");
    }

    @Override
    public void stop() {
        // Kept running for the other test classes of this JVM; stopped by the shutdown hook.
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
