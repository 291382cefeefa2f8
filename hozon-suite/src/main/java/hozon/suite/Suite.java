package hozon.suite;

import hozon.devdb.DevJwt;
import hozon.devdb.EmbeddedDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL plus the three services, each a separate JVM on a real port, wired to each
 * other. The demo ({@link SuiteMain}) and the cross-service tests both run through this.
 */
public final class Suite implements AutoCloseable {

    /**
     * What to start. A null {@code externalDbUrl} means: start the embedded PostgreSQL, durable
     * (fsync on) when {@code durableDb}: the demo and the benchmarks; tests trade it for speed.
     */
    public record Options(Path root, Path workDir, String externalDbUrl, String dbUser, String dbPassword,
            int dbPort, boolean keepData, boolean durableDb, Map<ServiceName, Integer> ports, Map<String, String> extraEnv,
            List<String> jvmOptions, Duration readyTimeout) {
    }

    private static final String DATABASE = "hozon";
    /**
     * ingest-service's key store: a database of its own (issue #11). On Kubernetes it is its own
     * cluster whose backups are kept at most a day; here, a second database of the embedded server.
     */
    private static final String KEYS_DATABASE = "hozon_keys";

    private final Options options;
    private final EmbeddedDatabase embedded;
    private final String jdbcUrl;
    private final String keysJdbcUrl;
    private final Map<ServiceName, Integer> ports = new EnumMap<>(ServiceName.class);
    private final Map<ServiceName, ServiceProcess> running = new EnumMap<>(ServiceName.class);
    private final Map<ServiceName, Duration> startupTimes = new EnumMap<>(ServiceName.class);
    private final DevJwt issuer;
    private ServiceProcess console;

    private Suite(Options options, EmbeddedDatabase embedded, String jdbcUrl, String keysJdbcUrl) throws Exception {
        this.options = options;
        this.embedded = embedded;
        this.jdbcUrl = jdbcUrl;
        this.keysJdbcUrl = keysJdbcUrl;
        this.issuer = DevJwt.in(options.workDir().resolve("keys"));
        for (ServiceName s : ServiceName.values()) {
            Integer p = options.ports().get(s);
            ports.put(s, p == null || p == 0 ? freePort() : p);
        }
    }

    /** Starts the database, then policy, ingest and purge (the order their calls go in). */
    public static Suite start(Options options) throws Exception {
        EmbeddedDatabase embedded = null;
        String url = options.externalDbUrl();
        // With an external database the key store shares it unless HOZON_TEST_KEYSTORE_DB_URL names
        // another (ingest-service warns that shredding then does not reach that database's backups).
        String keysUrl = System.getenv().getOrDefault("HOZON_TEST_KEYSTORE_DB_URL", url);
        if (url == null || url.isBlank()) {
            embedded = EmbeddedDatabase.start(options.workDir().resolve("postgres"), options.dbPort(),
                    options.keepData(), options.durableDb());
            embedded.createDatabaseIfMissing(DATABASE);
            embedded.createDatabaseIfMissing(KEYS_DATABASE);
            url = embedded.jdbcUrl(DATABASE);
            keysUrl = embedded.jdbcUrl(KEYS_DATABASE);
        }
        Suite suite = new Suite(options, embedded, url, keysUrl);
        try {
            for (ServiceName s : ServiceName.values()) {
                suite.startService(s);
            }
            return suite;
        } catch (Exception e) {
            suite.close();
            throw e;
        }
    }

    public synchronized Duration startService(ServiceName name) throws Exception {
        if (running.containsKey(name) && running.get(name).isAlive()) {
            return startupTimes.get(name);
        }
        Map<String, String> env = environment(name, jdbcUrl);
        Path jar = options.root().resolve(name.module()).resolve("target/quarkus-app/quarkus-run.jar");
        ServiceProcess p = ServiceProcess.launch(name, jar, ports.get(name), env, options.jvmOptions(),
                options.workDir().resolve("logs"));
        running.put(name, p);
        Duration took = p.awaitReady(options.readyTimeout());
        startupTimes.put(name, took);
        return took;
    }

    /**
     * A second ingest-service reading another log database — a restored backup, say — with this
     * suite's key store, key-encryption key, policy-service and issuer; its log in
     * {@code logs/<name>/}. The caller stops it.
     */
    public ServiceProcess startIngestOn(String name, String logDbUrl) throws Exception {
        Map<String, String> env = environment(ServiceName.INGEST, logDbUrl);
        env.put("HOZON_INGEST_IDEMPOTENCY_SWEEP_EVERY", "PT24H");
        int port = freePort();
        ServiceProcess p = ServiceProcess.launch(ServiceName.INGEST,
                options.root().resolve(ServiceName.INGEST.module()).resolve("target/quarkus-app/quarkus-run.jar"), port,
                env, options.jvmOptions(), options.workDir().resolve("logs").resolve(name));
        p.awaitReady(options.readyTimeout());
        return p;
    }

    /**
     * The demo people: a feed, carol and dave policy admins, alice and bob legal officers, erin
     * auditor, oscar purge operator — each with the file name of their role's token for curl
     * ({@code .hozon/tokens/}). All but the feed may sign in to the console.
     */
    public record Person(String name, String role, String roleToken) {
    }

    public static final List<Person> PEOPLE = List.of(new Person("radius-1", "feed", "feed"),
            new Person("carol", "policy-admin", "policy-admin"), new Person("dave", "policy-admin", "policy-admin-2"),
            new Person("alice", "legal-officer", "legal-officer"), new Person("bob", "legal-officer", "legal-officer-2"),
            new Person("erin", "auditor", "auditor"), new Person("oscar", "purge-operator", "purge-operator"));

    /**
     * The console's local sign-in (issue #18): a token from this suite's issuer for each of the
     * demo people but the feed, written to {@code dir/<name>.jwt}, valid for {@code ttl}.
     */
    public Path writePeople(Path dir, Duration ttl) throws IOException {
        Files.createDirectories(dir);
        for (Person p : PEOPLE) {
            if (!"feed".equals(p.role())) {
                Files.writeString(dir.resolve(p.name() + ".jwt"), token(p.name(), ttl, p.role()));
            }
        }
        return dir;
    }

    /**
     * Starts the console (its own process, like a service) against this suite, with the local
     * sign-in page listing the people whose tokens are in {@code peopleDir}; returns its URL.
     */
    public synchronized String startConsole(Path peopleDir, int port) throws Exception {
        if (console != null && console.isAlive()) {
            return console.baseUrl();
        }
        Map<String, String> env = new HashMap<>();
        env.put("HOZON_POLICY_URL", url(ServiceName.POLICY));
        env.put("HOZON_INGEST_URL", url(ServiceName.INGEST));
        env.put("HOZON_PURGE_URL", url(ServiceName.PURGE));
        env.put("HOZON_CONSOLE_LOCAL_SIGN_IN_DIR", peopleDir.toString());
        // No identity provider here: the OIDC tenant is off and the console's own filter requires the
        // local session on every page; cookies travel over plain HTTP on loopback.
        env.put("HOZON_CONSOLE_OIDC_ENABLED", "false");
        env.put("HOZON_CONSOLE_PAGES_POLICY", "permit");
        env.put("HOZON_CONSOLE_SECURE_COOKIES", "false");
        env.putAll(options.extraEnv());
        console = ServiceProcess.launch("console", options.root().resolve("console/target/quarkus-app/quarkus-run.jar"),
                port == 0 ? freePort() : port, env, options.jvmOptions(), options.workDir().resolve("logs"));
        console.awaitReady(options.readyTimeout());
        return console.baseUrl();
    }

    /** The key-encryption key file ingest-service reads (the suite's stand-in for a mounted secret). */
    public Path kekFile() {
        return options.workDir().resolve("secrets").resolve("kek");
    }

    /** The repository the suite runs from. */
    public Path root() {
        return options.root();
    }

    /** This suite's working directory (database, keys, logs). */
    public Path workDir() {
        return options.workDir();
    }

    /** Where a service's output goes. */
    public Path logFile(ServiceName name) {
        return options.workDir().resolve("logs").resolve(name.module() + ".log");
    }

    public String keysJdbcUrl() {
        return keysJdbcUrl;
    }

    private Map<String, String> environment(ServiceName name, String logDbUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", logDbUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", password());
        if (name == ServiceName.INGEST) {
            env.put("HOZON_INGEST_KEYSTORE_JDBC_URL", keysJdbcUrl);
            env.put("HOZON_INGEST_CRYPTO_KEK_FILE", kekFile().toString());
            // Written on first start; a deployment mounts its secret instead.
            env.put("HOZON_INGEST_CRYPTO_GENERATE_KEK_IF_MISSING", "true");
        }
        env.put("HOZON_POLICY_URL", url(ServiceName.POLICY));
        env.put("HOZON_INGEST_URL", url(ServiceName.INGEST));
        // A local token issuer stands in for the operator's identity provider.
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", issuer.publicKey().toString());
        env.put("MP_JWT_VERIFY_ISSUER", DevJwt.ISSUER);
        if (name == ServiceName.PURGE) {
            env.put("HOZON_SERVICE_TOKEN", token("purge-service", Duration.ofDays(30), "svc-purge"));
        } else if (name == ServiceName.INGEST) {
            env.put("HOZON_SERVICE_TOKEN", token("ingest-service", Duration.ofDays(30), "svc-ingest"));
        }
        env.putAll(options.extraEnv());
        return env;
    }

    public synchronized void stopService(ServiceName name) throws InterruptedException {
        ServiceProcess p = running.remove(name);
        if (p != null) {
            p.stop();
        }
    }

    public synchronized void killService(ServiceName name) throws InterruptedException {
        ServiceProcess p = running.remove(name);
        if (p != null) {
            p.kill();
        }
    }

    /** A token from the suite's local issuer, as the operator's identity provider would issue. */
    public String token(String user, Duration ttl, String... roles) {
        return issuer.token(user, java.util.List.of(roles), ttl);
    }

    public String url(ServiceName name) {
        return "http://127.0.0.1:" + ports.get(name);
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return options.externalDbUrl() == null || options.externalDbUrl().isBlank()
                ? EmbeddedDatabase.USER : options.dbUser();
    }

    public String password() {
        return options.externalDbUrl() == null || options.externalDbUrl().isBlank()
                ? "" : options.dbPassword();
    }

    public Duration startupTime(ServiceName name) {
        return startupTimes.get(name);
    }

    public long pid(ServiceName name) {
        return running.get(name).pid();
    }

    @Override
    public synchronized void close() throws Exception {
        if (console != null) {
            console.stop();
            console = null;
        }
        // Reverse order: purge first, so that no run starts against a half-stopped suite.
        for (ServiceName s : List.of(ServiceName.PURGE, ServiceName.INGEST, ServiceName.POLICY)) {
            stopService(s);
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
