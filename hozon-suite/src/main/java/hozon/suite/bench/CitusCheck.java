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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Check, not a test (issue #22): the suite on a Citus coordinator ({@code HOZON_CITUS_URL}), or on
 * the embedded plain PostgreSQL when it is unset, for comparison. Starts the three services
 * against it (Flyway distributes the log store where the citus extension is installed), prints
 * how each ingest table is distributed, runs the README walk-through (rule, sessions, resend,
 * preview, purge with a partition drop, ledger), AP look-ups of every kind (assigned address,
 * session port range, CGN port block, DS-Lite, open block in {@code _long}, IPv6 delegated and
 * wide prefixes) and CP look-ups (post with an address, post without → nearest login), each
 * checked against the subscriber or account it must find; then prints {@code EXPLAIN}'s Citus
 * task count of every statement of every look-up step (the service's own statements, built by
 * its code from its jar), look-up p50/p99 through the service and the ingest rate. Exits
 * non-zero on any wrong answer.
 *
 * <p>{@code bench/citus-check.sh [look-ups (default 500)] [sessions to ingest (default 20000)]}
 */
public final class CitusCheck {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    private CitusCheck() {
    }

    public static void main(String[] args) throws Exception {
        int lookups = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int ingest = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        String url = System.getenv("HOZON_CITUS_URL");
        boolean plain = url == null || url.isBlank();
        Path root = Path.of(System.getProperty("hozon.root", ".")).toAbsolutePath().normalize();
        Suite.Options options = new Suite.Options(root, Files.createTempDirectory("hozon-citus-check"), plain ? null : url,
                env("HOZON_CITUS_USER", "hozon"), env("HOZON_CITUS_PASSWORD", ""), 0, false, false, Map.of(),
                Map.of("HOZON_PURGE_INTERVAL", "off", "HOZON_PURGE_GRACE", "PT1S",
                        "HOZON_SECURITY_RATE_LIMIT_PER_SECOND", "100000", "HOZON_SECURITY_RATE_LIMIT_BURST", "100000"),
                List.of("-Xmx512m"), Duration.ofSeconds(240));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        System.out.println("== " + (plain ? "plain PostgreSQL (embedded)" : "Citus coordinator " + url));
        try (Suite suite = Suite.start(options);
                Connection db = DriverManager.getConnection(suite.jdbcUrl(), suite.user(), suite.password())) {
            boolean citus = scalar(db, "select count(*) from pg_extension where extname = 'citus'") > 0;
            if (!plain && !citus) {
                throw new IllegalStateException("HOZON_CITUS_URL has no citus extension");
            }
            if (citus) {
                System.out.println(rows(db, "select citus_version()"));
                System.out.println("workers: " + rows(db, "select node_name || ':' || node_port from citus_get_active_worker_nodes()"));
                System.out.println("ingest tables (name, type, distribution column, colocation, shards):");
                System.out.println(rows(db, "select table_name::text || ' ' || citus_table_type || ' ' || distribution_column"
                        + " || ' ' || colocation_id || ' ' || shard_count from citus_tables where table_name::text like 'ingest.%'"
                        + " and table_name::text not like '%\\_p2%' order by 1").replace(", ", "\n  "));
            }
            Check check = new Check(http, suite);
            check.walkThrough(db);
            Fixture f = check.lookupFixture();
            check.explain(db, root, f, citus);
            check.timings(f, lookups);
            check.ingestRate(ingest);
            System.out.println(check.failures == 0 ? "CHECK PASSED" : "CHECK FAILED: " + check.failures + " wrong answers");
            if (check.failures > 0) {
                System.exit(1);
            }
        }
    }

    /** What the AP and CP look-ups are asked about, stored under fresh names for each run. */
    record Fixture(String apCase, String cpCase, Instant t, String tag, int octet, String post, String postNoIp) {
    }

    private static final class Check {
        private final HttpClient http;
        private final Suite suite;
        private final String feed;
        private final String legal;
        private int failures;

        Check(HttpClient http, Suite suite) {
            this.http = http;
            this.suite = suite;
            this.feed = suite.token("citus-feed", Duration.ofHours(2), "feed");
            this.legal = suite.token("citus-officer", Duration.ofHours(2), "legal-officer");
        }

        void expect(String what, boolean ok, String detail) {
            System.out.printf("  %-62s %s%n", what, ok ? "ok" : "WRONG: " + detail);
            if (!ok) {
                failures++;
            }
        }

        void walkThrough(Connection db) throws Exception {
            System.out.println("README walk-through:");
            String admin = suite.token("citus-admin", Duration.ofHours(2), "policy-admin");
            String operator = suite.token("citus-operator", Duration.ofHours(2), "purge-operator");
            String auditor = suite.token("citus-auditor", Duration.ofHours(2), "auditor");
            post(suite.url(ServiceName.POLICY) + "/api/v1/retention-rules", admin, "{\"category\":\"ap.connection-auth\","
                    + "\"period\":\"P6M\",\"justification\":\"Billing disputes are raised within six months\","
                    + "\"effectiveFrom\":\"2025-01-01T00:00:00+09:00\"}");
            String tag = UUID.randomUUID().toString().substring(0, 8);
            Instant old = LocalDate.now(ZoneOffset.UTC).minusMonths(8).atTime(3, 0).toInstant(ZoneOffset.UTC);
            Instant recent = LocalDate.now(ZoneOffset.UTC).minusMonths(1).atTime(3, 0).toInstant(ZoneOffset.UTC);
            String batch = "{\"records\":[{\"subscriberId\":\"sub-0001\",\"sessionId\":\"A1-" + tag + "\",\"nasId\":\"bras-1\","
                    + "\"assignedAddress\":\"100.64.1.1\",\"start\":\"" + old + "\"},{\"subscriberId\":\"sub-0002\","
                    + "\"sessionId\":\"A2-" + tag + "\",\"nasId\":\"bras-1\",\"assignedAddress\":\"100.64.1.2\",\"start\":\""
                    + recent + "\"},{\"subscriberId\":\"sub-0003\",\"sessionId\":\"A3-" + tag + "\",\"nasId\":\"bras-1\","
                    + "\"assignedAddress\":\"100.64.1.3\",\"publicIp\":\"192.0.2.99\",\"publicPortStart\":1024,"
                    + "\"publicPortEnd\":2047,\"start\":\"" + old + "\"}]}";
            String first = post(suite.url(ServiceName.INGEST) + "/api/v1/ap/sessions", feed, batch);
            expect("2. three sessions stored (one with a public port range)", first.contains("\"stored\":3"), first);
            String again = post(suite.url(ServiceName.INGEST) + "/api/v1/ap/sessions", feed, batch);
            expect("2. resent: three duplicates", again.contains("\"stored\":0") && again.contains("\"duplicates\":3"),
                    again);
            String counts = get(suite.url(ServiceName.INGEST) + "/api/v1/stats/daily-counts?from="
                    + LocalDate.now().minusMonths(9), auditor);
            expect("3. daily counts answer", counts.contains("ap.connection-auth"), counts);
            Thread.sleep(1500); // the rule's grace (PT1S)
            String preview = post(suite.url(ServiceName.PURGE) + "/api/v1/purge-runs/preview", operator, "");
            String day = "ap_session_p" + old.toString().substring(0, 10).replace("-", "");
            expect("4. preview drops " + day, preview.contains(day), preview);
            String run = post(suite.url(ServiceName.PURGE) + "/api/v1/purge-runs", operator, "");
            expect("5. purge SUCCEEDED", run.contains("\"outcome\":\"SUCCEEDED\""), run);
            long oldLeft = Bench.count(db, "select count(*) from ingest.ap_session where session_id = ?", "A1-" + tag);
            long recentLeft = Bench.count(db, "select count(*) from ingest.ap_session where session_id = ?", "A2-" + tag);
            expect("6. the old session is gone, the recent one stays", oldLeft == 0 && recentLeft == 1,
                    oldLeft + " / " + recentLeft);
            long pointer = Bench.count(db, "select count(*) from ingest.ap_session_public where session_id = ?", "A3-" + tag);
            expect("6. the dropped day's public-address pointer is gone", pointer == 0, pointer + " left");
            String ledger = get(suite.url(ServiceName.PURGE) + "/api/v1/ledger/verification", auditor);
            expect("6. ledger valid", ledger.contains("\"valid\":true"), ledger);
        }

        Fixture lookupFixture() throws Exception {
            String apCase = id(post(suite.url(ServiceName.POLICY) + "/api/v1/cases", legal, "{\"type\":\"WARRANT\","
                    + "\"reference\":\"citus-ap\",\"issuer\":\"Tokyo District Court\",\"validTo\":\""
                    + Instant.now().plus(Duration.ofDays(1)) + "\",\"lookups\":[\"AP_ADDRESS\"],"
                    + "\"categories\":[\"ap.connection-auth\",\"ap.nat-port-block\"]}"));
            String cpCase = id(post(suite.url(ServiceName.POLICY) + "/api/v1/cases", legal, "{\"type\":\"DISCLOSURE_ORDER\","
                    + "\"reference\":\"citus-cp\",\"issuer\":\"Tokyo District Court\",\"validTo\":\""
                    + Instant.now().plus(Duration.ofDays(1)) + "\",\"lookups\":[\"CP_POST\"],"
                    + "\"categories\":[\"cp.post\",\"cp.login\",\"cp.account\"]}"));
            Instant t = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
            String tag = UUID.randomUUID().toString().substring(0, 8);
            int o = 1 + (int) (Math.random() * 250);
            String s = "\"nasId\":\"n1\",\"start\":\"" + t + "\"";
            post(suite.url(ServiceName.INGEST) + "/api/v1/ap/sessions", feed, "{\"records\":["
                    + "{\"subscriberId\":\"sub-A-" + tag + "\",\"sessionId\":\"a-" + tag + "\",\"assignedAddress\":\"100.65." + o
                    + ".5\"," + s + ",\"end\":\"" + t.plus(2, ChronoUnit.HOURS) + "\"},"
                    + "{\"subscriberId\":\"sub-B-" + tag + "\",\"sessionId\":\"b-" + tag + "\",\"assignedAddress\":\"100.66." + o
                    + ".1\",\"publicIp\":\"203.0.113." + o + "\",\"publicPortStart\":1024,\"publicPortEnd\":2047," + s + "},"
                    + "{\"subscriberId\":\"sub-E-" + tag + "\",\"sessionId\":\"e-" + tag + "\",\"assignedAddress\":\"100.67." + o
                    + ".7\",\"nasId\":\"n1\",\"start\":\"" + t.minus(1, ChronoUnit.HOURS) + "\",\"end\":\""
                    + t.plus(5, ChronoUnit.HOURS) + "\"},"
                    + "{\"subscriberId\":\"sub-L-" + tag + "\",\"sessionId\":\"l-" + tag + "\",\"assignedAddress\":\"100.68." + o
                    + ".9\",\"nasId\":\"n1\",\"start\":\"" + t.minus(2, ChronoUnit.DAYS) + "\"},"
                    + "{\"subscriberId\":\"sub-6-" + tag + "\",\"sessionId\":\"v6-" + tag + "\",\"assignedAddress\":\"2001:db8:"
                    + Integer.toHexString(o) + ":5600::/56\"," + s + "},"
                    + "{\"subscriberId\":\"sub-W-" + tag + "\",\"sessionId\":\"w-" + tag + "\",\"assignedAddress\":\"2001:db9:"
                    + Integer.toHexString(o) + "00::/40\"," + s + "},"
                    + "{\"subscriberId\":\"sub-D-" + tag + "\",\"sessionId\":\"d-" + tag + "\",\"assignedAddress\":\"2001:dba:"
                    + Integer.toHexString(o) + ":7700::/56\"," + s + "}]}");
            String block = "\"deviceId\":\"cgn-1\",\"insideIp\":\"100.67." + o + ".7\",\"publicIp\":\"192.0.2." + o + "\","
                    + "\"portStart\":5000,\"portEnd\":5999";
            String open = "\"deviceId\":\"cgn-1\",\"insideIp\":\"100.68." + o + ".9\",\"publicIp\":\"198.18.0." + o + "\","
                    + "\"portStart\":7000,\"portEnd\":7999";
            String dslite = "\"deviceId\":\"aftr-1\",\"insideIp\":\"2001:dba:" + Integer.toHexString(o) + ":7700::1\","
                    + "\"publicIp\":\"198.18.1." + o + "\",\"portStart\":9000,\"portEnd\":9999";
            post(suite.url(ServiceName.INGEST) + "/api/v1/ap/port-blocks", feed, "{\"records\":["
                    + "{\"event\":\"allocate\"," + block + ",\"occurredAt\":\"" + t + "\"},"
                    + "{\"event\":\"release\"," + block + ",\"occurredAt\":\"" + t.plus(4, ChronoUnit.HOURS) + "\"},"
                    + "{\"event\":\"allocate\"," + open + ",\"occurredAt\":\"" + t.minus(2, ChronoUnit.DAYS) + "\"},"
                    + "{\"event\":\"allocate\"," + dslite + ",\"occurredAt\":\"" + t + "\"}]}");
            String account = "acct-" + tag;
            String postId = "post-" + tag;
            String postNoIp = "post-noip-" + tag;
            post(suite.url(ServiceName.INGEST) + "/api/v1/cp/events", feed, "{\"records\":["
                    + "{\"kind\":\"LOGIN\",\"eventId\":\"l1-" + tag + "\",\"accountId\":\"" + account
                    + "\",\"ip\":\"198.51.100." + o + "\",\"occurredAt\":\"" + t.minus(30, ChronoUnit.MINUTES) + "\"},"
                    + "{\"kind\":\"POST\",\"eventId\":\"" + postId + "\",\"accountId\":\"" + account
                    + "\",\"ip\":\"198.51.101." + o + "\",\"sourcePort\":40000,\"occurredAt\":\"" + t + "\"},"
                    + "{\"kind\":\"POST\",\"eventId\":\"" + postNoIp + "\",\"accountId\":\"" + account
                    + "\",\"occurredAt\":\"" + t.plus(1, ChronoUnit.MINUTES) + "\"}]}");
            Fixture f = new Fixture(apCase, cpCase, t, tag, o, postId, postNoIp);
            System.out.println("AP and CP look-ups:");
            Instant at = t.plus(1, ChronoUnit.HOURS);
            expectAp(f, "assigned IPv4 address", "100.65." + o + ".5", null, at, "sub-A-", "ASSIGNED_ADDRESS");
            expectAp(f, "session port range (public address + port)", "203.0.113." + o, 2047, at, "sub-B-",
                    "SESSION_PORT_RANGE");
            expectAp(f, "CGN port block → inside address → session", "192.0.2." + o, 5999, at, "sub-E-", "PORT_BLOCK");
            expectAp(f, "open port block (in ap_port_block_long)", "198.18.0." + o, 7500, at, "sub-L-", "PORT_BLOCK");
            expectAp(f, "DS-Lite block → B4 address in a /56", "198.18.1." + o, 9500, at, "sub-D-", "DS_LITE");
            expectAp(f, "IPv6 address in a delegated /56", "2001:db8:" + Integer.toHexString(o) + ":56ff::1", null, at,
                    "sub-6-", "ASSIGNED_ADDRESS");
            expectAp(f, "IPv6 address in a wide /40 (route_width)", "2001:db9:" + Integer.toHexString(o) + "ff:1::1", null,
                    at, "sub-W-", "ASSIGNED_ADDRESS");
            String cp = post(suite.url(ServiceName.INGEST) + "/api/v1/lookups/cp", legal, "{\"caseId\":\"" + cpCase
                    + "\",\"postId\":\"" + postId + "\"}");
            expect("CP post with its address", cp.contains("198.51.101." + o) && cp.contains(account), cp);
            String near = post(suite.url(ServiceName.INGEST) + "/api/v1/lookups/cp", legal, "{\"caseId\":\"" + cpCase
                    + "\",\"postId\":\"" + postNoIp + "\"}");
            expect("CP post without address → nearest login", near.contains("198.51.100." + o), near);
            return f;
        }

        private void expectAp(Fixture f, String what, String ip, Integer port, Instant at, String subscriber,
                String matchedBy) throws Exception {
            String a = ap(f, ip, port, at);
            List<String> subs = new ArrayList<>();
            Matcher m = Pattern.compile("\"subscriberId\":\"([^\"]+)\"").matcher(a);
            while (m.find()) {
                subs.add(m.group(1));
            }
            expect(what, subs.equals(List.of(subscriber + f.tag())) && a.contains("\"matchedBy\":\"" + matchedBy + "\""),
                    a);
        }

        private String ap(Fixture f, String ip, Integer port, Instant at) throws Exception {
            return post(suite.url(ServiceName.INGEST) + "/api/v1/lookups/ap", legal, "{\"caseId\":\"" + f.apCase()
                    + "\",\"ip\":\"" + ip + "\"," + (port == null ? "" : "\"port\":" + port + ",") + "\"instant\":\"" + at
                    + "\"}");
        }

        /** EXPLAIN of every statement of each look-up step, as the service builds them. */
        void explain(Connection db, Path root, Fixture f, boolean citus) throws Exception {
            ClassLoader loader = Bench.ingestClasses(root);
            Class<?> windowClass = loader.loadClass("hozon.ingest.store.IntervalTable$Window");
            Class<?> widthsClass = loader.loadClass("hozon.ingest.store.RouteWidths");
            Class<?> statement = loader.loadClass("hozon.ingest.service.ApChainStatement");
            List<Integer> v4 = column(db, "select len::text from ingest.route_width where family = 4").stream()
                    .map(Integer::valueOf).toList();
            List<Integer> v6 = column(db, "select len::text from ingest.route_width where family = 6").stream()
                    .map(Integer::valueOf).toList();
            Object widths = widthsClass.getConstructor(List.class, List.class).newInstance(v4, v6);
            Instant at = f.t().plus(1, ChronoUnit.HOURS);
            Object window = windowClass.getConstructor(Instant.class, Instant.class).newInstance(at.minusSeconds(2),
                    at.plusSeconds(2));
            var direct = statement.getMethod("byAssignedAddress", String.class, windowClass, List.class, widthsClass);
            var blocks = statement.getMethod("blocks", String.class, Integer.class, windowClass, List.class);
            var through = statement.getMethod("sessionsThrough", String.class, List.class, windowClass, List.class,
                    widthsClass);
            Properties props = new Properties();
            props.setProperty("user", suite.user());
            props.setProperty("password", suite.password() == null ? "" : suite.password());
            props.setProperty("currentSchema", "ingest");
            System.out.println("EXPLAIN, Citus tasks per distributed scan of each statement"
                    + (citus ? "" : " (plain PostgreSQL: no distributed scans)") + ":");
            try (Connection c = DriverManager.getConnection(suite.jdbcUrl(), props)) {
                int o = f.octet();
                String[][] direct3 = {{"assigned IPv4 address", "100.65." + o + ".5", null},
                    {"IPv6 address in a /56", "2001:db8:" + Integer.toHexString(o) + ":56ff::1", null},
                    {"IPv6 address in a wide /40 (2 keys)", "2001:db9:" + Integer.toHexString(o) + "ff:1::1", null}};
                for (String[] d : direct3) {
                    List<Object> p = new ArrayList<>();
                    String sql = (String) direct.invoke(null, d[1], window, p, widths);
                    report(c, "step 1 " + d[0], sql, p);
                }
                var pointers = statement.getMethod("publicPointers", String.class, Integer.class, windowClass, List.class);
                var byKey = statement.getMethod("sessionByKey", List.class, List.class);
                List<Object> pp = new ArrayList<>();
                report(c, "step 2 session port range: pointers by public address", (String) pointers.invoke(null,
                        "203.0.113." + o, 2047, window, pp), pp);
                List<Object> key = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("select route_key::text, assigned_ip::text, started_at,"
                        + " nas_id, session_id from ap_session_public where public_ip = ?::inet and session_id = ?")) {
                    ps.setString(1, "203.0.113." + o);
                    ps.setString(2, "b-" + f.tag());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        key.addAll(List.of(rs.getString(1), rs.getString(2),
                                rs.getObject(3, java.time.OffsetDateTime.class), rs.getString(4), rs.getString(5)));
                    }
                }
                List<Object> pk = new ArrayList<>();
                report(c, "step 2 session port range: the session by its key", (String) byKey.invoke(null, key, pk), pk);
                List<Object> pb = new ArrayList<>();
                report(c, "step 3 port blocks by public address", (String) blocks.invoke(null, "192.0.2." + o, 5999, window,
                        pb), pb);
                List<Object> pt = new ArrayList<>();
                report(c, "step 3 sessions of the inside address", (String) through.invoke(null, "100.67." + o + ".7",
                        Arrays.asList("192.0.2." + o, 5000, 5999, f.t().atOffset(ZoneOffset.UTC), null, "cgn-1"), window, pt,
                        widths), pt);
                report(c, "CP post: pointer by post id (cp_post_ref)", "select occurred_at, account_bidx from cp_post_ref"
                        + " where event_id = ? order by occurred_at limit 1", new ArrayList<>(List.of(f.post())));
                List<Object> post = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("select occurred_at, account_bidx from cp_post_ref"
                        + " where event_id = ?")) {
                    ps.setString(1, f.post());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        post.addAll(List.of(rs.getObject(1, java.time.OffsetDateTime.class), rs.getBytes(2), f.post()));
                    }
                }
                report(c, "CP post: the post by its key", "select account_id from cp_post where occurred_at = ?"
                        + " and account_bidx = ? and event_id = ?", post);
                List<Object> login = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("select encode(account_bidx, 'hex') from cp_login_event"
                        + " where event_id = ?")) {
                    ps.setString(1, "l1-" + f.tag());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        login.addAll(List.of(rs.getString(1), f.t().atOffset(ZoneOffset.UTC),
                                f.t().minus(1, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC)));
                    }
                }
                report(c, "CP nearest login, live (one day's index)", "select account_id from cp_login_event where"
                        + " account_bidx in (decode(?, 'hex')) and ip is not null and occurred_at <= ? and occurred_at >= ?"
                        + " order by occurred_at desc limit 1", login);
                report(c, "(before V16: cp_post by post id alone)", "select account_id from cp_post where event_id = ?"
                        + " limit 1", new ArrayList<>(List.of(f.post())));
            }
        }

        private void report(Connection c, String step, String sql, List<Object> params) throws Exception {
            List<String> tasks = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("explain " + sql)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Matcher m = Pattern.compile("Task Count: (\\d+)").matcher(rs.getString(1));
                        if (m.find()) {
                            tasks.add(m.group(1));
                        }
                    }
                }
            }
            System.out.printf("  %-46s task counts %s%n", step, tasks.isEmpty() ? "-" : tasks);
        }

        void timings(Fixture f, int n) throws Exception {
            int o = f.octet();
            Instant at = f.t().plus(1, ChronoUnit.HOURS);
            Object[][] asks = {{"100.65." + o + ".5", null}, {"192.0.2." + o, 5999}, {"203.0.113." + o, 2047}};
            for (int i = 0; i < Math.min(200, n); i++) {
                ap(f, (String) asks[i % 3][0], (Integer) asks[i % 3][1], at);
            }
            long[] nanos = new long[n];
            for (int i = 0; i < n; i++) {
                long s = System.nanoTime();
                ap(f, (String) asks[i % 3][0], (Integer) asks[i % 3][1], at);
                nanos[i] = System.nanoTime() - s;
            }
            long[] cp = new long[Math.max(1, n / 5)];
            for (int i = 0; i < cp.length; i++) {
                long s = System.nanoTime();
                post(suite.url(ServiceName.INGEST) + "/api/v1/lookups/cp", legal, "{\"caseId\":\"" + f.cpCase()
                        + "\",\"postId\":\"" + f.post() + "\"}");
                cp[i] = System.nanoTime() - s;
            }
            System.out.printf("look-ups through the service (after 200 warm-up): AP %d: p50 %.2f ms p99 %.2f ms;"
                    + " CP %d: p50 %.2f ms p99 %.2f ms%n", n, Bench.pct(nanos, 50), Bench.pct(nanos, 99), cp.length, Bench.pct(cp, 50),
                    Bench.pct(cp, 99));
        }

        void ingestRate(int n) throws Exception {
            long start = System.nanoTime();
            String tag = UUID.randomUUID().toString().substring(0, 8);
            Instant t = Instant.now().minus(2, ChronoUnit.DAYS);
            for (int from = 0; from < n; from += 1000) {
                StringBuilder b = new StringBuilder("{\"records\":[");
                for (int i = from; i < Math.min(n, from + 1000); i++) {
                    b.append(i == from ? "" : ",").append("{\"subscriberId\":\"sub-").append(i).append("\",\"sessionId\":\"r-")
                            .append(tag).append('-').append(i).append("\",\"nasId\":\"n2\",\"assignedAddress\":\"10.")
                            .append((i >> 16) & 255).append('.').append((i >> 8) & 255).append('.').append(i & 255)
                            .append("\",\"start\":\"").append(t.plusMillis(i)).append("\",\"end\":\"")
                            .append(t.plusMillis(i).plusSeconds(3600)).append("\"}");
                }
                String r = post(suite.url(ServiceName.INGEST) + "/api/v1/ap/sessions", feed, b.append("]}").toString());
                if (!r.contains("\"stored\":" + (Math.min(n, from + 1000) - from))) {
                    expect("ingest batch stored whole", false, r);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("ingest: %d sessions in batches of 1 000 over HTTP, one stream: %.0f records/s%n", n,
                    n / seconds);
        }

        private String post(String url, String token, String body) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }

        private String get(String url, String token) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build());
        }

        private String send(HttpRequest request) throws Exception {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(request.uri() + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        }
    }

    private static String id(String body) {
        Matcher m = ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + body);
        }
        return m.group(1);
    }

    private static long scalar(Connection db, String sql) throws Exception {
        try (PreparedStatement ps = db.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }


    private static List<String> column(Connection db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String rows(Connection db, String sql) throws Exception {
        return String.join(", ", column(db, sql));
    }


    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
