package hozon.suite.bench;

import hozon.suite.ServiceName;
import hozon.suite.Suite;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * Benchmark, not a test (issue #4 §6): N AP session records over HTTP NDJSON into the real
 * ingest tables (look-up indexes present) against the same rows — as the service stored them,
 * identities encrypted — by raw COPY into an identical table, both with the same number of
 * parallel streams; prints both rates and their ratio. Then
 * one NDJSON body of at least 1 GiB (the first records again: every line parsed, validated and
 * sent to PostgreSQL, stored as duplicates) while the service's heap is sampled from /q/metrics.
 *
 * <p>{@code bench/ingest-benchmark.sh [records (5000000)] [streams (4)] [big body GiB (1)]}
 */
public final class IngestBenchmark {

    private static final int DAYS = 10;

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
        int streams = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        double bigGiB = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        Path root = Path.of(System.getProperty("hozon.root", ".")).toAbsolutePath().normalize();
        Suite.Options options = new Suite.Options(root, Files.createTempDirectory("hozon-bench"), null, null, null, 0,
                false, true, Map.of(), Map.of("HOZON_PURGE_INTERVAL", "off"), List.of("-Xmx512m"), Duration.ofSeconds(180));
        LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(DAYS + 2);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (Suite suite = Suite.start(options);
                Connection db = DriverManager.getConnection(suite.jdbcUrl(), suite.user(), suite.password())) {
            String token = suite.token("bench-feed", Duration.ofHours(4), "feed");
            String url = suite.url(ServiceName.INGEST) + "/api/v1/ap/sessions";
            waitForCategories(http, url, token);

            // 1. HTTP NDJSON into ingest.ap_session, `streams` requests in parallel.
            HeapSampler heap = new HeapSampler(http, suite.url(ServiceName.INGEST) + "/q/metrics");
            long t0 = System.nanoTime();
            List<Long> bytes = parallel(streams, k -> post(http, url, token, new Records(first, n, k, streams)));
            double httpSeconds = (System.nanoTime() - t0) / 1e9;
            long httpBytes = bytes.stream().mapToLong(Long::longValue).sum();
            long stored = count(db, "select count(*) from ingest.ap_session");
            if (stored != n) {
                throw new IllegalStateException("expected " + n + " stored sessions, found " + stored);
            }
            System.out.printf("HTTP NDJSON: %d records (%.0f MB) in %.1f s = %.0f records/s (%d streams; peak heap %.0f MB)%n",
                    n, httpBytes / 1e6, httpSeconds, n / httpSeconds, streams, heap.stop() / 1e6);

            // 2. The same rows by COPY into an identical table, same partitions, same indexes.
            try (Statement s = db.createStatement()) {
                s.execute("create schema if not exists bench");
                s.execute("create table bench.ap_session (like ingest.ap_session including defaults including constraints)"
                        + " partition by range (started_at)");
                for (int d = 0; d < DAYS + 1; d++) {
                    LocalDate day = first.plusDays(d);
                    s.execute("create table bench.ap_session_p" + day.toString().replace("-", "") + " partition of"
                            + " bench.ap_session for values from ('" + day + "T00:00:00Z') to ('" + day.plusDays(1)
                            + "T00:00:00Z')");
                }
                copyIndexes(db);
            }
            // The very rows the service stored — subscriber encrypted, blind index beside it (issue
            // #11) — copied out once (not timed), split over the streams, then copied in.
            List<Path> parts = new ArrayList<>();
            Path out = Files.createTempFile("hozon-bench-copy", ".csv");
            try (Connection c = DriverManager.getConnection(suite.jdbcUrl(), suite.user(), suite.password());
                    java.io.OutputStream o = Files.newOutputStream(out)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (select * from ingest.ap_session) to stdout"
                        + " (format csv)", o);
            }
            List<java.io.BufferedWriter> writers = new ArrayList<>();
            for (int k = 0; k < streams; k++) {
                parts.add(Files.createTempFile("hozon-bench-copy-" + k, ".csv"));
                writers.add(Files.newBufferedWriter(parts.get(k)));
            }
            try (var lines = Files.lines(out)) {
                long[] i = {0};
                lines.forEach(l -> {
                    try {
                        writers.get((int) (i[0]++ % streams)).write(l + "\n");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
            for (java.io.BufferedWriter w : writers) {
                w.close();
            }
            Files.delete(out);
            long t1 = System.nanoTime();
            parallel(streams, k -> {
                try (Connection c = DriverManager.getConnection(suite.jdbcUrl(), suite.user(), suite.password());
                        java.io.InputStream in = Files.newInputStream(parts.get(k))) {
                    return c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy bench.ap_session from stdin"
                            + " (format csv)", in);
                }
            });
            for (Path part : parts) {
                Files.delete(part);
            }
            double copySeconds = (System.nanoTime() - t1) / 1e9;
            long copied = count(db, "select count(*) from bench.ap_session");
            System.out.printf("raw COPY:    %d records in %.1f s = %.0f records/s (%d connections)%n", copied,
                    copySeconds, copied / copySeconds, streams);
            System.out.printf("ratio HTTP NDJSON / COPY = %.2f (target >= 0.5, stretch 0.8)%n", copySeconds / httpSeconds);

            // 3. One body of at least bigGiB GiB through one request, heap sampled.
            long bigRecords = (long) Math.ceil(bigGiB * (1L << 30) / (httpBytes / (double) n));
            heap = new HeapSampler(http, suite.url(ServiceName.INGEST) + "/q/metrics");
            long t2 = System.nanoTime();
            long big = post(http, url, token, new Records(first, Math.min(bigRecords, n), 0, 1));
            System.out.printf("one NDJSON body of %.2f GiB (%d records, all duplicates) in %.1f s; ingest-service peak"
                    + " heap used %.0f MB (-Xmx512m)%n", big / (double) (1L << 30), Math.min(bigRecords, n),
                    (System.nanoTime() - t2) / 1e9, heap.stop() / 1e6);
        }
    }

    private static void copyIndexes(Connection db) throws Exception {
        List<String> defs = new ArrayList<>();
        try (Statement s = db.createStatement(); var rs = s.executeQuery("select indexdef from pg_indexes where"
                + " schemaname = 'ingest' and tablename = 'ap_session'")) {
            while (rs.next()) {
                defs.add(rs.getString(1));
            }
        }
        try (Statement s = db.createStatement()) {
            for (String def : defs) {
                s.execute(def.replaceFirst("INDEX (\\S+) ON ONLY ingest\\.ap_session", "INDEX bench_$1 ON bench.ap_session")
                        .replaceFirst("INDEX (\\S+) ON ingest\\.ap_session", "INDEX bench_$1 ON bench.ap_session"));
            }
        }
        System.out.printf("identical table: %d indexes copied from ingest.ap_session%n", defs.size());
    }

    private static void waitForCategories(HttpClient http, String url, String token) throws Exception {
        for (int i = 0; i < 60; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
                    "application/x-ndjson").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("ingest-service never accepted writes");
    }

    private static long post(HttpClient http, String url, String token, Records body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofHours(2))
                .header("Content-Type", "application/x-ndjson").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("ingest answered " + r.statusCode() + ": " + r.body());
        }
        return body.bytes();
    }

    private interface Task {
        long run(int k) throws Exception;
    }

    private static List<Long> parallel(int n, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Long>> fs = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                int kk = k;
                fs.add(pool.submit(() -> task.run(kk)));
            }
            List<Long> out = new ArrayList<>();
            for (Future<Long> f : fs) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Records k, k+step, k+2·step… of n eight-hour sessions behind carrier-grade NAT over 10 days,
     * generated as they are read: NDJSON lines for the service.
     */
    static final class Records extends InputStream {
        private final LocalDate first;
        private final long n;
        private final int step;
        private long i;
        private byte[] line = new byte[0];
        private int pos;
        private long bytes;
    
        Records(LocalDate first, long n, int k, int step) {
            this.first = first;
            this.n = n;
            this.i = k;
            this.step = step;
        }

        long bytes() {
            return bytes;
        }

        private boolean fill() {
            if (i >= n) {
                return false;
            }
            long perDay = Math.max(1, n / DAYS);
            long day = Math.min(DAYS - 1, i / perDay);
            long second = (long) ((i % perDay) * (86399.0 / perDay));
            Instant start = first.plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(second);
            String inside = "100." + (64 + (int) (i >> 16) % 64) + "." + ((i >> 8) & 255) + "." + (i & 255);
            String pub = "198.51." + ((i % 4096) >> 8) + "." + (i % 256);
            int ports = 1024 + (int) ((i / 4096) % 60) * 1000;
            String s = "{\"subscriberId\":\"sub-" + (i % 3_000_000) + "\",\"sessionId\":\"s" + i + "\",\"nasId\":\"nas-"
                    + (i % 50) + "\",\"assignedAddress\":\"" + inside + "\",\"publicIp\":\"" + pub
                    + "\",\"publicPortStart\":" + ports + ",\"publicPortEnd\":" + (ports + 999) + ",\"start\":\""
                    + start + "\",\"end\":\"" + start.plusSeconds(8 * 3600) + "\"}\n";
            line = s.getBytes(StandardCharsets.US_ASCII);
            pos = 0;
            i += step;
            return true;
        }

        @Override
        public int read() {
            if (pos >= line.length && !fill()) {
                return -1;
            }
            bytes++;
            return line[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int done = 0;
            while (done < len) {
                if (pos >= line.length && !fill()) {
                    break;
                }
                int k = Math.min(len - done, line.length - pos);
                System.arraycopy(line, pos, b, off + done, k);
                pos += k;
                done += k;
            }
            bytes += done;
            return done == 0 && len > 0 ? -1 : done;
        }
    }

    /** Samples the service's used heap (sum of heap pools) every 200 ms; returns the maximum. */
    static final class HeapSampler {
        private static final Pattern HEAP = Pattern.compile("jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.eE+]+)");
        private final AtomicLong max = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        HeapSampler(HttpClient http, String metrics) {
            thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        String text = http.send(HttpRequest.newBuilder(URI.create(metrics)).build(),
                                HttpResponse.BodyHandlers.ofString()).body();
                        Matcher m = HEAP.matcher(text);
                        long sum = 0;
                        while (m.find()) {
                            sum += (long) Double.parseDouble(m.group(1));
                        }
                        max.accumulateAndGet(sum, Math::max);
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    } catch (IOException e) {
                        // the service is busy; sample again
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        long stop() throws InterruptedException {
            running.set(false);
            thread.interrupt();
            thread.join();
            return max.get();
        }
    }
}
