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

    /** A service's Prometheus metrics as text (its /q/metrics). */
    static String metrics(java.net.http.HttpClient http, String serviceUrl) throws java.io.IOException,
            InterruptedException {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(serviceUrl + "/q/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * A service JVM's garbage-collection pauses so far, from its /q/metrics (Micrometer's JVM
     * binder): two snapshots around a measurement say how much of its tail GC may explain.
     */
    record JvmActivity(double pauses, double pauseSeconds, double maxPauseSeconds) {

        private static final java.util.regex.Pattern LINE = java.util.regex.Pattern.compile(
                "^(jvm_gc_pause_seconds_count|jvm_gc_pause_seconds_sum|jvm_gc_pause_seconds_max)"
                        + "(\\{[^}]*\\})? ([0-9.eE+-]+)$", java.util.regex.Pattern.MULTILINE);

        static JvmActivity of(java.net.http.HttpClient http, String serviceUrl) throws Exception {
            String text = metrics(http, serviceUrl);
            double[] v = new double[3];
            java.util.regex.Matcher m = LINE.matcher(text);
            while (m.find()) {
                double x = Double.parseDouble(m.group(3));
                switch (m.group(1)) {
                    case "jvm_gc_pause_seconds_count" -> v[0] += x;
                    case "jvm_gc_pause_seconds_sum" -> v[1] += x;
                    default -> v[2] = Math.max(v[2], x);
                }
            }
            return new JvmActivity(v[0], v[1], v[2]);
        }

        /** What happened between {@code before} and this snapshot (the max is the recent window's). */
        String since(JvmActivity before) {
            return String.format("%.0f GC pauses, %.1f ms in all (longest recent %.1f ms)", pauses - before.pauses,
                    (pauseSeconds - before.pauseSeconds) * 1000, maxPauseSeconds * 1000);
        }
    }

    /**
     * From ingest-service's own look-up timer (request filter to response filter: case decision,
     * statement, audit commit, JSON — not the HTTP connection, event loop or client): how many AP
     * look-ups so far, and how many took longer than the histogram's first bucket at or above
     * {@code seconds}, which it returns as the bound it used.
     */
    record ServiceTimer(double count, double over, double bound) {

        private static final java.util.regex.Pattern BUCKET = java.util.regex.Pattern.compile(
                "^hozon_lookup_duration_seconds_bucket\\{[^}]*kind=\"AP_ADDRESS\"[^}]*le=\"([^\"]+)\"[^}]*\\} ([0-9.eE+-]+)$",
                java.util.regex.Pattern.MULTILINE);

        static ServiceTimer of(java.net.http.HttpClient http, String serviceUrl, double seconds) throws Exception {
            String text = metrics(http, serviceUrl);
            java.util.TreeMap<Double, Double> buckets = new java.util.TreeMap<>();
            java.util.regex.Matcher m = BUCKET.matcher(text);
            while (m.find()) {
                buckets.put(m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1)),
                        Double.parseDouble(m.group(2)));
            }
            if (buckets.isEmpty()) {
                return new ServiceTimer(0, 0, seconds);
            }
            double total = buckets.lastEntry().getValue();
            java.util.Map.Entry<Double, Double> at = buckets.ceilingEntry(seconds);
            return new ServiceTimer(total, total - at.getValue(), at.getKey());
        }
    }
}
