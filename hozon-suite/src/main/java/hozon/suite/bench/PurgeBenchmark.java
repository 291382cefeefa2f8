package hozon.suite.bench;

import hozon.suite.ServiceName;
import hozon.suite.Suite;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Benchmark, not a test: time to expire one day of AP sessions through ingest-service's purge
 * execution (moving the day's hourly volumes to the removed volumes, DROP of the day
 * partition, execution log, holds check with policy-service),
 * against DELETE of the same number of rows from another day, and a bare DROP TABLE for
 * reference. Starts the real suite on an embedded PostgreSQL; prints one line per size.
 *
 * <p>{@code bench/purge-benchmark.sh [rows ...]} (default 1000000 5000000).
 */
public final class PurgeBenchmark {

    private PurgeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Long> sizes = args.length == 0 ? List.of(1_000_000L, 5_000_000L)
                : java.util.Arrays.stream(args).map(Long::parseLong).toList();
        Path root = Path.of(System.getProperty("hozon.root", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("hozon-bench");
        Suite.Options options = new Suite.Options(root, work, null, null, null, 0, false, true, Map.of(),
                Map.of("HOZON_PURGE_INTERVAL", "off"), List.of("-Xmx512m"), Duration.ofSeconds(180));
        HttpClient http = HttpClient.newHttpClient();
        try (Suite suite = Suite.start(options);
                Connection db = DriverManager.getConnection(suite.jdbcUrl(), suite.user(), suite.password())) {
            System.out.printf("%-10s %-22s %-14s %-14s %-10s %-14s%n", "rows", "expire via service ms", "bare DROP ms",
                    "DELETE ms", "DELETE/expire", "keys destroyed");
            String feed = suite.token("bench-feed", Duration.ofHours(2), "feed");
            LocalDate day = LocalDate.of(2001, 1, 1);
            List<Long> rounds = new java.util.ArrayList<>();
            rounds.add(10_000L); // warm-up round (JIT, connection pools), not printed
            rounds.addAll(sizes);
            boolean warmUp = true;
            for (long rows : rounds) {
                LocalDate expireDay = day;
                LocalDate deleteDay = day.plusDays(2);
                LocalDate dropDay = day.plusDays(4);
                day = day.plusDays(10);
                load(db, expireDay, rows);
                // One session of the day through the service, stored encrypted: the day gets its key,
                // which the expiry destroys once the day's rows are gone (issue #11).
                HttpResponse<String> keyed = http.send(HttpRequest.newBuilder(
                                URI.create(suite.url(ServiceName.INGEST) + "/api/v1/ap/sessions"))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + feed)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"records\":[{\"subscriberId\":\"sub-keyed\","
                                + "\"sessionId\":\"keyed-" + expireDay + "\",\"assignedAddress\":\"10.255.0.1\",\"start\":\""
                                + expireDay + "T02:00:00Z\",\"end\":\"" + expireDay + "T03:00:00Z\"}]}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (keyed.statusCode() != 200) {
                    throw new IllegalStateException("session not stored: " + keyed.body());
                }
                load(db, deleteDay, rows);
                load(db, dropDay, rows);

                long revision = revision(http, suite);
                String order = "{\"runId\":\"" + UUID.randomUUID() + "\",\"planDigest\":\"benchmark\",\"holdsRevision\":"
                        + revision + ",\"asOf\":\"" + Instant.now() + "\",\"cutoffs\":[{\"category\":\"ap.connection-auth\","
                        + "\"cutoff\":\"" + expireDay.plusDays(1) + "T00:00:00Z\"}]}";
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                URI.create(suite.url(ServiceName.INGEST) + "/internal/v1/purge-executions"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + suite.token("purge-service", Duration.ofHours(1), "svc-purge"))
                        .POST(HttpRequest.BodyPublishers.ofString(order)).build(),
                        HttpResponse.BodyHandlers.ofString());
                long expireMs = (System.nanoTime() - t0) / 1_000_000;
                if (r.statusCode() != 200 || !r.body().contains("\"rowsInDroppedPartitions\":" + (rows + 1))) {
                    throw new IllegalStateException("expiry did not remove " + (rows + 1) + " rows: " + r.statusCode() + " "
                            + r.body());
                }
                int keys = r.body().split("\"keyId\"", -1).length - 1;
                if (keys != 1) {
                    throw new IllegalStateException("expiry destroyed " + keys + " day keys, expected 1: " + r.body());
                }

                long dropMs;
                try (Statement s = db.createStatement()) {
                    t0 = System.nanoTime();
                    s.execute("drop table ingest." + partition(dropDay));
                    dropMs = (System.nanoTime() - t0) / 1_000_000;
                }
                long deleteMs;
                long deleted;
                try (Statement s = db.createStatement()) {
                    t0 = System.nanoTime();
                    deleted = s.executeUpdate("delete from ingest.ap_session where started_at >= '" + deleteDay
                            + "T00:00:00Z' and started_at < '" + deleteDay.plusDays(1) + "T00:00:00Z'");
                    deleteMs = (System.nanoTime() - t0) / 1_000_000;
                }
                if (deleted != rows) {
                    throw new IllegalStateException("DELETE removed " + deleted + " rows, expected " + rows);
                }
                try (Statement s = db.createStatement()) {
                    // Rows removed behind the service's back: take the emptied day and its volumes away too.
                    s.execute("drop table ingest." + partition(deleteDay));
                    s.execute("delete from ingest.stored_volume where hour >= '" + deleteDay + "T00:00:00Z' and hour < '"
                            + deleteDay.plusDays(5) + "T00:00:00Z'");
                }
                if (warmUp) {
                    warmUp = false;
                    continue;
                }
                System.out.printf("%-10d %-22d %-14d %-14d %-10.1f %-14d%n", rows, expireMs, dropMs, deleteMs,
                        (double) deleteMs / Math.max(1, expireMs), keys);
            }
        }
    }

    private static String partition(LocalDate day) {
        return "ap_session_p" + day.toString().replace("-", "");
    }

    /** Fills one day partition with {@code rows} sessions spread over the day, indexes included. */
    private static void load(Connection db, LocalDate day, long rows) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("create table if not exists ingest." + partition(day) + " partition of ingest.ap_session for values"
                    + " from ('" + day + "T00:00:00Z') to ('" + day.plusDays(1) + "T00:00:00Z')");
            s.execute("insert into ingest.ap_session (assigned_ip, started_at, nas_id, session_id, subscriber_id,"
                    + " public_ip, public_port_start, public_port_end, ended_at, received_at, route_key)"
                    + " select ('10.0.0.0'::inet + (g % 16777216)), '" + day + "T00:00:00Z'::timestamptz"
                    + " + (g * (86399.0 / " + rows + ")) * interval '1 second', 'nas-' || (g % 50), 's' || g,"
                    + " 'sub-' || (g % 2000000), '203.0.113.1'::inet, 1024 + (g % 60) * 1000, 1024 + (g % 60) * 1000 + 999,"
                    + " null, now(), ingest.route_key('10.0.0.0'::inet + (g % 16777216)) from generate_series(1, " + rows
                    + ") g");
            // The hourly stored volumes ingest-service keeps with every insert (rows loaded here bypass it).
            s.execute("insert into ingest.stored_volume (category, hour, shard, records) select 'ap.connection-auth',"
                    + " date_trunc('hour', started_at), 0, count(*) from ingest." + partition(day) + " group by 2");
            s.execute("analyze ingest." + partition(day));
        }
    }

    private static long revision(HttpClient http, Suite suite) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(suite.url(ServiceName.POLICY) + "/api/v1/holds/revision"))
                .header("Authorization", "Bearer " + suite.token("purge-service", Duration.ofHours(1), "svc-purge"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        return Long.parseLong(body.replaceAll("\\D", ""));
    }
}
