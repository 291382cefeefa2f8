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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark, not a test: the AP look-up (public IPv4 + port + instant → subscriber) through
 * ingest-service (legal-basis check with policy-service and audit entry included) against the
 * same SQL run directly, on N session rows behind carrier-grade NAT spread over 10 day
 * partitions, all look-up indexes present. Prints p50 and p99 of each.
 *
 * <p>{@code bench/lookup-benchmark.sh [rows] [lookups]} (default 20000000 and 2000).
 */
public final class LookupBenchmark {

    private LookupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 20_000_000L;
        int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        Path root = Path.of(System.getProperty("hozon.root", ".")).toAbsolutePath().normalize();
        Suite.Options options = new Suite.Options(root, Files.createTempDirectory("hozon-bench"), null, null, null, 0,
                false, true, Map.of(), Map.of("HOZON_PURGE_INTERVAL", "off", "HOZON_SECURITY_RATE_LIMIT_PER_SECOND", "100000",
                        "HOZON_SECURITY_RATE_LIMIT_BURST", "100000"), List.of("-Xmx1g"), Duration.ofSeconds(180));
        HttpClient http = HttpClient.newHttpClient();
        try (Suite suite = Suite.start(options);
                Connection db = DriverManager.getConnection(suite.jdbcUrl(), suite.user(), suite.password())) {
            LocalDate first = LocalDate.now().minusDays(12);
            long t0 = System.nanoTime();
            for (int d = 0; d < 10; d++) {
                load(db, first.plusDays(d), rows / 10, d * (rows / 10));
            }
            System.out.printf("loaded %d sessions in %.0f s%n", rows, (System.nanoTime() - t0) / 1e9);
            // Steady state: vacuum now, so that autovacuum of the fresh partitions does not run
            // during the measurement on a small machine.
            try (Statement s = db.createStatement()) {
                s.execute("vacuum (analyze) ingest.ap_session");
                s.execute("checkpoint");
            }

            String legal = suite.token("bench-officer", Duration.ofHours(2), "legal-officer");
            String caseId = post(http, suite.url(ServiceName.POLICY) + "/api/v1/cases", legal,
                    "{\"type\":\"WARRANT\",\"reference\":\"bench\",\"issuer\":\"court\",\"validTo\":\""
                            + Instant.now().plus(Duration.ofDays(1)) + "\",\"lookups\":[\"AP_ADDRESS\"],"
                            + "\"categories\":[\"ap.connection-auth\"]}").replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

            Random random = new Random(42);
            List<Object[]> queries = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement("select host(public_ip), public_port_start + 7,"
                    + " started_at + interval '1 hour' from ingest.ap_session where started_at >= ? and started_at < ?"
                    + " limit 1")) {
                for (int i = 0; i < lookups; i++) {
                    LocalDate day = first.plusDays(random.nextInt(10));
                    Instant at = day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plusSeconds(random.nextInt(80000));
                    ps.setObject(1, at.atOffset(java.time.ZoneOffset.UTC));
                    ps.setObject(2, at.plusSeconds(60).atOffset(java.time.ZoneOffset.UTC));
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            queries.add(new Object[] {rs.getString(1), rs.getInt(2),
                                    rs.getObject(3, java.time.OffsetDateTime.class).toInstant()});
                        }
                    }
                }
            }
            // Warm-up (long enough for the JIT to compile the hot paths of all four JVMs), then
            // measure: the service, then the same SQL directly.
            int warmUp = Integer.getInteger("hozon.bench.warm-up", 5000);
            for (int i = 0; i < warmUp; i++) {
                Object[] q = queries.get(i % queries.size());
                lookup(http, suite, legal, caseId, q);
            }
            long[] service = new long[queries.size()];
            for (int i = 0; i < queries.size(); i++) {
                long s = System.nanoTime();
                String body = lookup(http, suite, legal, caseId, queries.get(i));
                service[i] = System.nanoTime() - s;
                if (!body.contains("subscriberId")) {
                    throw new IllegalStateException("look-up found nothing: " + body);
                }
            }
            long[] direct = new long[queries.size()];
            try (PreparedStatement ps = db.prepareStatement("select subscriber_id from ingest.ap_session where public_ip ="
                    + " ?::inet and int4range(public_port_start, public_port_end, '[]') @> ?::int and tstzrange(started_at,"
                    + " coalesce(ended_at, 'infinity'::timestamptz), '[)') && tstzrange(?, ?, '[]')")) {
                for (int i = 0; i < queries.size(); i++) {
                    Object[] q = queries.get(i);
                    long s = System.nanoTime();
                    ps.setString(1, (String) q[0]);
                    ps.setInt(2, (Integer) q[1]);
                    ps.setObject(3, ((Instant) q[2]).minusSeconds(2).atOffset(java.time.ZoneOffset.UTC));
                    ps.setObject(4, ((Instant) q[2]).plusSeconds(2).atOffset(java.time.ZoneOffset.UTC));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rs.getString(1);
                        }
                    }
                    direct[i] = System.nanoTime() - s;
                }
            }
            System.out.printf("%d look-ups on %d sessions: through the service p50 %.2f ms p99 %.2f ms;"
                    + " direct SQL p50 %.2f ms p99 %.2f ms%n", queries.size(), rows, pct(service, 50), pct(service, 99),
                    pct(direct, 50), pct(direct, 99));
        }
    }

    private static String lookup(HttpClient http, Suite suite, String token, String caseId, Object[] q) throws Exception {
        return post(http, suite.url(ServiceName.INGEST) + "/api/v1/lookups/ap", token, "{\"caseId\":\"" + caseId
                + "\",\"ip\":\"" + q[0] + "\",\"port\":" + q[1] + ",\"instant\":\"" + q[2] + "\"}");
    }

    private static String post(HttpClient http, String url, String token, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static double pct(long[] nanos, int p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e6;
    }

    /**
     * One day of {@code n} eight-hour sessions behind carrier-grade NAT: 4096 public addresses,
     * 60 port blocks of 1000 ports each, inside addresses from 100.64.0.0/10.
     */
    private static void load(Connection db, LocalDate day, long n, long offset) throws Exception {
        String part = "ap_session_p" + day.toString().replace("-", "");
        try (Statement s = db.createStatement()) {
            s.execute("create table if not exists ingest." + part + " partition of ingest.ap_session for values from ('"
                    + day + "T00:00:00Z') to ('" + day.plusDays(1) + "T00:00:00Z')");
            s.execute("insert into ingest.ap_session (assigned_ip, started_at, nas_id, session_id, subscriber_id,"
                    + " public_ip, public_port_start, public_port_end, ended_at, received_at)"
                    + " select ('100.64.0.0'::inet + ((g + " + offset + ") % 4194304)),"
                    + " '" + day + "T00:00:00Z'::timestamptz + (g * (86399.0 / " + n + ")) * interval '1 second',"
                    + " 'nas-' || (g % 50), 's' || (g + " + offset + "), 'sub-' || ((g + " + offset + ") % 3000000),"
                    + " ('198.51.0.0'::inet + (g % 4096)), 1024 + ((g / 4096) % 60) * 1000, 1024 + ((g / 4096) % 60) * 1000 + 999,"
                    + " '" + day + "T00:00:00Z'::timestamptz + (g * (86399.0 / " + n + ")) * interval '1 second'"
                    + " + interval '8 hours', now() from generate_series(1, " + n + ") g");
            s.execute("insert into ingest.stored_volume (category, hour, shard, records) select 'ap.connection-auth',"
                    + " date_trunc('hour', started_at), 0, count(*) from ingest." + part + " group by 2");
            s.execute("analyze ingest." + part);
        }
    }
}
