package hozon.suite.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * What the benchmarks share: percentiles of measured durations, a count by SQL, and the
 * ingest-service's own classes (its look-up statement builders) loaded from its packaged jar.
 */
final class Bench {

    private Bench() {
    }

    /** The {@code p}-th percentile (nearest rank) of durations in nanoseconds, in milliseconds. */
    static double pct(long[] nanos, double p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, Math.max(0, (int) Math.ceil(p / 100.0 * s.length) - 1))] / 1e6;
    }

    /**
     * A class loader over ingest-service's packaged classes and the project's own libraries they
     * use (hozon-common), so that a benchmark runs exactly the statements the service builds.
     */
    static ClassLoader ingestClasses(java.nio.file.Path root) throws java.io.IOException {
        java.nio.file.Path app = root.resolve("ingest-service/target/quarkus-app");
        java.util.List<java.net.URL> urls = new java.util.ArrayList<>();
        for (java.nio.file.Path dir : java.util.List.of(app.resolve("app"), app.resolve("lib/main"))) {
            try (var jars = java.nio.file.Files.list(dir)) {
                for (java.nio.file.Path jar : jars.filter(p -> p.getFileName().toString().matches(
                        "(ingest-service|io\\.hozon\\.hozon-common).*\\.jar")).toList()) {
                    urls.add(jar.toUri().toURL());
                }
            }
        }
        return new java.net.URLClassLoader(urls.toArray(java.net.URL[]::new), Bench.class.getClassLoader());
    }

    /** {@code select count(*) …} with one text parameter. */
    static long count(Connection db, String sql, String param) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
