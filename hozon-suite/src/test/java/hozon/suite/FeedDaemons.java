package hozon.suite;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real feed daemons for cross-service tests: FreeRADIUS (rlm_rest posting accounting to
 * ingest-service, one listener per JSON shape) and syslog-ng (RFC 5424 in, http() out), with
 * configurations written from the operator documentation in the README. Installed by
 * {@code ./run-tests} (Debian: freeradius, freeradius-utils, freeradius-rest, syslog-ng-core,
 * syslog-ng-mod-http).
 */
final class FeedDaemons implements AutoCloseable {

    static final String RADIUS_SECRET = "testing123";

    private final Path dir;
    private Process radius;
    private Process syslog;
    int acctPort;
    int acctFlatPort;
    int syslogPort;

    FeedDaemons(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        for (String tool : List.of("freeradius", "radclient", "syslog-ng")) {
            if (!Files.isExecutable(Path.of("/usr/sbin", tool)) && !Files.isExecutable(Path.of("/usr/bin", tool))) {
                throw new IllegalStateException(tool + " is not installed: run ./run-tests (it installs FreeRADIUS and"
                        + " syslog-ng) or apt-get install freeradius freeradius-utils freeradius-rest syslog-ng-core"
                        + " syslog-ng-mod-http");
            }
        }
    }

    /** FreeRADIUS with the distribution's configuration, our site and rlm_rest instances, as root. */
    void startFreeRadius(String ingestUrl, String token) throws Exception {
        Path raddb = dir.resolve("raddb");
        run("rm", "-rf", raddb.toString());
        run("cp", "-a", "/etc/freeradius/3.0", raddb.toString());
        run("sh", "-c", "rm -f " + raddb + "/sites-enabled/* " + raddb + "/mods-enabled/*");
        for (String m : List.of("always", "expr", "json")) {
            Files.createSymbolicLink(raddb.resolve("mods-enabled/" + m), Path.of("../mods-available/" + m));
        }
        run("sed", "-i", "s/^\\(\\s*\\)\\(user\\|group\\) = freerad/\\1#\\2 = freerad/", raddb.resolve("radiusd.conf").toString());
        run("sed", "-i", "s/#\\s*output_mode = object$/output_mode = object_simple/",
                raddb.resolve("mods-available/json").toString());
        acctPort = freePort();
        acctFlatPort = freePort();
        Files.writeString(raddb.resolve("mods-enabled/rest"), rest("rest", ingestUrl, null)
                + rest("rest rest_flat", ingestUrl, "%{json_encode:&request:[*]}"));
        Files.writeString(raddb.resolve("sites-enabled/hozon"), site("hozon", acctPort, "rest", token)
                + site("hozon_flat", acctFlatPort, "rest_flat", token));
        radius = new ProcessBuilder("freeradius", "-f", "-d", raddb.toString(), "-l", "stdout")
                .redirectErrorStream(true).redirectOutput(dir.resolve("freeradius.log").toFile()).start();
        waitForLog(dir.resolve("freeradius.log"), "Ready to process requests", radius);
    }

    private static String rest(String instance, String ingestUrl, String data) {
        return instance + " {\n\ttls {\n\t}\n\tconnect_uri = \"" + ingestUrl + "\"\n\taccounting {\n"
                + "\t\turi = \"${..connect_uri}/api/v1/radius/accounting\"\n\t\tmethod = 'post'\n\t\tbody = 'json'\n"
                + (data == null ? "" : "\t\tdata = \"" + data + "\"\n") + "\t\ttls = ${..tls}\n\t}\n"
                + "\tpool {\n\t\tstart = 0\n\t\tmin = 0\n\t\tmax = 4\n\t\tspare = 1\n\t\tuses = 0\n\t\tretry_delay = 1\n"
                + "\t\tlifetime = 0\n\t\tidle_timeout = 60\n\t}\n}\n";
    }

    private static String site(String name, int port, String module, String token) {
        return "server " + name + " {\n\tlisten {\n\t\ttype = acct\n\t\tipaddr = 127.0.0.1\n\t\tport = " + port + "\n\t}\n"
                + "\taccounting {\n\t\tupdate control {\n\t\t\t&REST-HTTP-Header += \"Authorization: Bearer " + token
                + "\"\n\t\t}\n\t\t" + module + "\n\t}\n}\n";
    }

    /** Sends one Accounting-Request with radclient; true when FreeRADIUS answered (rlm_rest got a 2xx). */
    boolean radclient(int port, String... attributes) throws Exception {
        Process p = new ProcessBuilder("radclient", "-r", "2", "-t", "3", "127.0.0.1:" + port, "acct", RADIUS_SECRET)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("radclient.log").toFile()))
                .start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((String.join("\n", attributes) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    /** syslog-ng: RFC 5424 over TCP (octet counting) in, the README's http() destination out. */
    void startSyslogNg(String ingestUrl, String token) throws Exception {
        syslogPort = freePort();
        String sd = ".SDATA.nat@32473.";
        Path conf = dir.resolve("syslog-ng.conf");
        Files.writeString(conf, "@version: 3.38\n"
                + "options { frac-digits(3); keep-hostname(yes); stats-freq(0); };\n"
                + "source s_cgn { syslog(transport(\"tcp\") ip(\"127.0.0.1\") port(" + syslogPort + ")); };\n"
                + "destination d_hozon {\n  http(url(\"" + ingestUrl + "/api/v1/ap/port-blocks\") method(\"POST\")\n"
                + "    headers(\"Content-Type: application/x-ndjson\", \"Authorization: Bearer " + token + "\")\n"
                + "    body(\"$(format-json event=${" + sd + "event} deviceId=${HOST} insideIp=${" + sd + "inside}"
                + " publicIp=${" + sd + "outside} portStart=int(${" + sd + "portStart}) portEnd=int(${" + sd + "portEnd})"
                + " occurredAt=${S_ISODATE})\")\n"
                + "    batch-lines(20) batch-timeout(300) retries(5));\n};\n"
                + "log { source(s_cgn); destination(d_hozon); };\n");
        syslog = new ProcessBuilder("syslog-ng", "-F", "--no-caps", "-f", conf.toString(), "-R",
                dir.resolve("syslog-ng.persist").toString(), "-p", dir.resolve("syslog-ng.pid").toString(), "-c",
                dir.resolve("syslog-ng.ctl").toString(), "--stderr")
                .redirectErrorStream(true).redirectOutput(dir.resolve("syslog-ng.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!syslog.isAlive()) {
                throw new IllegalStateException("syslog-ng exited: " + Files.readString(dir.resolve("syslog-ng.log")));
            }
            try (Socket s = new Socket("127.0.0.1", syslogPort)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("syslog-ng did not listen: " + Files.readString(dir.resolve("syslog-ng.log")));
    }

    /** RFC 5424 messages over one TCP connection, octet-counted (RFC 6587). */
    void syslog(List<String> messages) throws IOException {
        try (Socket s = new Socket("127.0.0.1", syslogPort); OutputStream out = s.getOutputStream()) {
            for (String m : messages) {
                byte[] b = m.getBytes(StandardCharsets.UTF_8);
                out.write((b.length + " ").getBytes(StandardCharsets.US_ASCII));
                out.write(b);
            }
            out.flush();
        }
    }

    String logs() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String f : List.of("freeradius.log", "radclient.log", "syslog-ng.log")) {
            Path p = dir.resolve(f);
            if (Files.exists(p)) {
                String t = Files.readString(p);
                sb.append("--- ").append(f).append('\n').append(t.length() > 4000 ? t.substring(t.length() - 4000) : t);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws Exception {
        for (Process p : new Process[] {radius, syslog}) {
            if (p != null) {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private static void waitForLog(Path log, String text, Process p) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("exited: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("not ready: " + Files.readString(log));
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
