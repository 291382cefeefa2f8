package hozon.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar hozon-suite/target/hozon-suite.jar}: starts the whole suite in the
 * foreground until Ctrl-C. Configuration comes from the environment (see the README):
 * HOZON_DB_URL / HOZON_DB_USER / HOZON_DB_PASSWORD select an external PostgreSQL, otherwise
 * an embedded one keeps its data in HOZON_HOME (default {@code .hozon}) on HOZON_DB_PORT.
 */
public final class SuiteMain {

    private SuiteMain() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(env("HOZON_ROOT", ".")).toAbsolutePath().normalize();
        Path work = Path.of(env("HOZON_HOME", root.resolve(".hozon").toString())).toAbsolutePath();
        Files.createDirectories(work);
        Map<ServiceName, Integer> ports = new EnumMap<>(ServiceName.class);
        for (ServiceName s : ServiceName.values()) {
            ports.put(s, Integer.parseInt(env("HOZON_" + s.name() + "_PORT", Integer.toString(s.defaultPort()))));
        }
        String dbUrl = System.getenv("HOZON_DB_URL");
        List<String> jvm = Arrays.stream(env("HOZON_JAVA_OPTS", "-Xmx512m").trim().split("\\s+"))
                .filter(s -> !s.isEmpty()).toList();
        Suite.Options options = new Suite.Options(root, work, dbUrl, env("HOZON_DB_USER", "hozon"),
                env("HOZON_DB_PASSWORD", ""), Integer.parseInt(env("HOZON_DB_PORT", "54329")), true, true, ports,
                Map.of(), jvm, Duration.ofSeconds(180));

        System.out.println("hozon: starting " + (dbUrl == null ? "embedded PostgreSQL in " + work.resolve("postgres")
                : "against the PostgreSQL at HOZON_DB_URL") + " ...");
        Suite suite = Suite.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("hozon: stopping ...");
            try {
                suite.close();
            } catch (Exception e) {
                System.err.println("hozon: error while stopping: " + e.getMessage());
            }
            stopped.countDown();
        }));

        System.out.println();
        System.out.println("hozon is up. Database: " + suite.jdbcUrl());
        for (ServiceName s : ServiceName.values()) {
            System.out.printf("  %-15s %s   (ready in %.1f s)  OpenAPI %s/q/openapi  Swagger UI %s/q/swagger-ui%n",
                    s.module(), suite.url(s), suite.startupTime(s).toMillis() / 1000.0, suite.url(s), suite.url(s));
        }
        Path tokens = work.resolve("tokens");
        Files.createDirectories(tokens);
        for (Suite.Person p : Suite.PEOPLE) {
            Files.writeString(tokens.resolve(p.roleToken() + ".jwt"), suite.token(p.name(), Duration.ofHours(24), p.role()));
        }
        int consolePort = Integer.parseInt(env("HOZON_CONSOLE_PORT", "8180"));
        Path peopleDir = suite.writePeople(work.resolve("people"), Duration.ofHours(24));
        String console = suite.startConsole(peopleDir, consolePort);
        System.out.println("  console         " + console + "   (sign in as alice or bob — legal officers —, carol or dave —"
                + " policy admins —, erin — auditor — or oscar — purge operator)");
        System.out.println("  logs in " + work.resolve("logs") + "; 24-hour tokens per role in " + tokens
                + " (e.g. -H \"Authorization: Bearer $(cat " + tokens.resolve("auditor.jwt") + ")\").");
        System.out.println("  Ctrl-C stops everything.");
        stopped.await();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
