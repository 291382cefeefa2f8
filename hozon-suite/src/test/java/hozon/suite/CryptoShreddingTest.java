package hozon.suite;

import static hozon.suite.SuiteClient.monthsAgo;
import static org.assertj.core.api.Assertions.assertThat;

import hozon.devdb.EmbeddedDatabase;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue #11: identities are encrypted under per-day keys in a key store outside the log
 * database, and destroying a purged day's key erases that day everywhere at once — shown on a
 * physical backup of the log database taken before the purge and restored afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CryptoShreddingTest {

    private static final ZoneOffset JST = ZoneOffset.ofHours(9);
    private static final Instant OLD = monthsAgo(8);
    private static final Instant MID = monthsAgo(2);
    private static final Instant NEW = monthsAgo(1);
    /** Every identifier this test ingests: none may appear in the log store in clear. */
    private static final List<String> IDENTIFIERS = List.of("sub-crypto-old", "sub-crypto-mid", "sub-crypto-new",
            "mobile-crypto-old", "mobile-crypto-mid", "440101111100001", "440101111100002", "acct-crypto-old",
            "acct-crypto-mid", "+819077770001", "+819077770002", "uc-crypto-old", "radius-crypto-user",
            "819011112222", "440109998887776", "sub-crypto-held");

    private static Suite suite;
    private static SuiteClient client;
    private static String apCase;
    private static String cpCase;
    /** A preservation request for sub-crypto-held, whose session lies on the purged day. */
    private static String holdId;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = SuiteFixture.start("crypto");
        client = new SuiteClient(suite);
        for (String category : List.of("ap.connection-auth", "cp.post", "cp.login")) {
            client.createRule(category, "P6M");
        }
        apCase = openCase("WARRANT", "AP_ADDRESS", "ap.connection-auth");
        cpCase = openCase("DISCLOSURE_ORDER", "CP_POST", "cp.post", "cp.login");
        client.as("feed").contentType(ContentType.JSON).body("{\"records\":["
                        + session("sub-crypto-old", "100.64.50.1", OLD, "mobile-crypto-old", "440101111100001") + ","
                        + session("sub-crypto-mid", "100.64.50.2", MID, "mobile-crypto-mid", "440101111100002") + ","
                        + session("sub-crypto-new", "100.64.50.3", NEW, null, null) + ","
                        + session("sub-crypto-held", "100.64.50.5", OLD.plus(1, ChronoUnit.HOURS), null, null) + "]}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/ap/sessions").then().statusCode(200);
        client.as("feed").contentType(ContentType.JSON).body("{\"records\":["
                        + login("acct-crypto-old", "l-old", "198.51.100.71", "+819077770001", OLD) + ","
                        + post("acct-crypto-old", "post-crypto-old", OLD) + ","
                        + login("acct-crypto-mid", "l-mid", "198.51.100.72", "+819077770002", MID) + ","
                        + post("acct-crypto-mid", "post-crypto-mid", MID) + "]}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/cp/events").then().statusCode(200);
        client.as("feed").contentType(ContentType.JSON).body("{\"Acct-Status-Type\":\"Start\",\"NAS-Identifier\":"
                        + "\"pgw-crypto\",\"Acct-Session-Id\":\"rc-1\",\"User-Name\":\"radius-crypto-user\","
                        + "\"Framed-IP-Address\":\"100.64.50.4\",\"Calling-Station-Id\":\"819011112222\","
                        + "\"3GPP-IMSI\":\"440109998887776\",\"Event-Timestamp\":" + NEW.getEpochSecond() + "}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/radius/accounting").then().statusCode(204);
    }

    @AfterAll
    static void stopSuite() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }

    /** A full text dump of the log store (every row of every table of its schema) holds no identifier. */
    @Test
    @Order(1)
    void identitiesAppearNowhereInClearInTheLogStoreYetLookUpsAnswerThem() throws Exception {
        String dump = dump(suite.jdbcUrl());
        assertThat(dump).contains("100.64.50.1").contains("198.51.100.71");
        for (String id : IDENTIFIERS) {
            assertThat(dump).as("the log store's dump names " + id).doesNotContain(id);
        }
        assertThat(subscriber(suite.url(ServiceName.INGEST), "100.64.50.1", OLD)).isEqualTo("sub-crypto-old");
        assertThat(subscriber(suite.url(ServiceName.INGEST), "100.64.50.4", NEW)).isEqualTo("radius-crypto-user");
        JsonPath cp = cpLookup(suite.url(ServiceName.INGEST), "post-crypto-mid");
        assertThat(cp.getString("accountId")).isEqualTo("acct-crypto-mid");
        assertThat(cp.getString("nearestBefore.ip")).isEqualTo("198.51.100.72");
    }

    @Test
    @Order(2)
    void aPurgedDayIsUnreadableInABackupTakenBeforeThePurgeWhileTheOtherDaysAreNot() throws Exception {
        Path restoredRoot = Path.of("target", "crypto-restored").toAbsolutePath();
        onlineBackup(Path.of("target", "crypto", "postgres", "data").toAbsolutePath(), restoredRoot.resolve("data"));

        holdId = client.placePreservation("sub-crypto-held", OLD.minus(1, ChronoUnit.DAYS), OLD.plus(1, ChronoUnit.DAYS));
        JsonPath run = client.purge();
        assertThat(run.getString("outcome")).isEqualTo("SUCCEEDED");
        // The held session left the live tables under its hold's key: the day's key still went, and
        // the held record is still answered.
        assertThat(subscriber(suite.url(ServiceName.INGEST), "100.64.50.5", OLD.plus(1, ChronoUnit.HOURS)))
                .isEqualTo("sub-crypto-held");
        List<String> destroyed = run.getList("categories.find { it.category == 'ap.connection-auth' }.keysDestroyed");
        LocalDate oldDay = LocalDate.ofInstant(OLD, JST);
        assertThat(destroyed).hasSize(1).allMatch(k -> k.contains("@" + oldDay + "@"));
        assertThat(run.getList("categories.find { it.category == 'cp.login' }.keysDestroyed", String.class))
                .allMatch(k -> k.contains("@" + LocalDate.ofInstant(OLD.minus(30, ChronoUnit.MINUTES), JST) + "@"))
                .hasSize(1);
        // The ledger keeps the key ids and times, never key material.
        JsonPath receipt = client.as("auditor").when().get(suite.url(ServiceName.PURGE) + "/api/v1/purge-runs/"
                + run.getString("id") + "/receipt").then().statusCode(200).extract().jsonPath();
        assertThat(receipt.getString("entry")).contains("keysDestroyed").contains(destroyed.get(0));
        JsonPath keys = client.as("auditor").queryParam("category", "ap.connection-auth")
                .when().get(suite.url(ServiceName.INGEST) + "/api/v1/keys").then().statusCode(200).extract().jsonPath();
        assertThat(keys.getBoolean("separateDatabase")).isTrue();
        assertThat(keys.getString("backupRetention")).isEqualTo("PT24H");
        assertThat(keys.getString("keys.find { it.day == '" + oldDay + "' }.destroyedBy")).isEqualTo(run.getString("id"));
        assertThat(keys.getString("keys.find { it.day == '" + LocalDate.ofInstant(MID, JST) + "' }.destroyedAt")).isNull();
        // A second run finds nothing more to destroy (idempotent).
        assertThat(client.purge().getList("categories.find { it.category == 'ap.connection-auth' }.keysDestroyed"))
                .isEmpty();

        EmbeddedDatabase restored = EmbeddedDatabase.start(restoredRoot, 0, true, false);
        ServiceProcess readOnly = null;
        try {
            String restoredUrl = restored.jdbcUrl("hozon");
            assertThat(count(restoredUrl, "select count(*) from ingest.ap_session where started_at = ?", OLD))
                    .as("the backup still holds the purged day's row").isEqualTo(1);
            readOnly = suite.startIngestOn("restored", restoredUrl);
            String url = readOnly.baseUrl();
            assertThat(subscriber(url, "100.64.50.1", OLD)).isEqualTo("erased");
            assertThat(subscriber(url, "100.64.50.5", OLD.plus(1, ChronoUnit.HOURS))).isEqualTo("erased");
            assertThat(subscriber(url, "100.64.50.2", MID)).isEqualTo("sub-crypto-mid");
            assertThat(subscriber(url, "100.64.50.3", NEW)).isEqualTo("sub-crypto-new");
            JsonPath oldPost = cpLookup(url, "post-crypto-old");
            assertThat(oldPost.getString("accountId")).isEqualTo("erased");
            // The purged day's blind index matches nothing: its login is not found.
            assertThat(oldPost.getString("nearestBefore")).isNull();
            assertThat(oldPost.getList("notes").toString()).contains("erased");
            JsonPath midPost = cpLookup(url, "post-crypto-mid");
            assertThat(midPost.getString("accountId")).isEqualTo("acct-crypto-mid");
            assertThat(midPost.getString("nearestBefore.ip")).isEqualTo("198.51.100.72");
        } finally {
            if (readOnly != null) {
                readOnly.stop();
            }
            restored.close();
        }
    }

    /** A held record lives under its hold's key, which goes once the hold has ended and the record is purged. */
    @Test
    @Order(3)
    void aHoldsKeyGoesOnceTheHoldHasEndedAndItsRecordsAreGone() throws Exception {
        JsonPath keys = client.as("auditor").when().get(suite.url(ServiceName.INGEST) + "/api/v1/keys").then()
                .statusCode(200).extract().jsonPath();
        String slot = "hold/" + holdId + "/ap.connection-auth";
        Integer holdKey = keys.get("keys.find { it.category == '" + slot + "' }.id");
        assertThat(holdKey).as("the hold's key").isNotNull();
        assertThat(keys.getString("keys.find { it.category == '" + slot + "' }.destroyedAt")).isNull();
        try (Connection c = DriverManager.getConnection(suite.jdbcUrl(), suite.user(), suite.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select subscriber_id from ingest.ap_session_preserved")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("e" + holdKey + ":");
        }

        client.withdraw(holdId);
        JsonPath run = client.purge();
        assertThat(run.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(run.getList("categories.find { it.category == 'ap.connection-auth' }.keysDestroyed", String.class))
                .anyMatch(k -> k.startsWith(holdKey + "@"));
        JsonPath answer = client.as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"caseId\":\"" + apCase + "\",\"ip\":\"100.64.50.5\",\"instant\":\""
                        + OLD.plus(70, ChronoUnit.MINUTES) + "\"}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/lookups/ap").then().statusCode(200)
                .extract().jsonPath();
        assertThat(answer.getList("candidates")).isEmpty();
    }

    /** KEK rotation re-wraps the day keys (the data is not touched); the old KEK can then leave the secret. */
    @Test
    @Order(4)
    void aRotatedKekRewrapsEveryDayKeyAndTheOldOneCanGo() throws Exception {
        Path kek = suite.kekFile();
        String old = Files.readString(kek).lines().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst()
                .orElseThrow();
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        String newId = "rotated-" + Long.toHexString(System.nanoTime());
        String newKek = newId + "=" + Base64.getEncoder().encodeToString(fresh);
        Files.writeString(kek, newKek + "\n" + old + "\n");
        JsonPath rotation = client.as("policy-admin").when()
                .post(suite.url(ServiceName.INGEST) + "/api/v1/keys/rotation").then().statusCode(200).extract().jsonPath();
        assertThat(rotation.getString("currentKek")).isEqualTo(newId);
        assertThat(rotation.getInt("rewrapped")).isGreaterThanOrEqualTo(3);
        assertThat(rotation.getMap("wrappedBy")).containsOnlyKeys(newId);

        Files.writeString(kek, newKek + "\n");
        suite.stopService(ServiceName.INGEST);
        suite.startService(ServiceName.INGEST);
        assertThat(subscriber(suite.url(ServiceName.INGEST), "100.64.50.2", MID)).isEqualTo("sub-crypto-mid");
        assertThat(subscriber(suite.url(ServiceName.INGEST), "100.64.50.4", NEW)).isEqualTo("radius-crypto-user");
    }

    // ---- helpers ----

    private static String openCase(String type, String lookup, String... categories) {
        return client.as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"type\":\"" + type + "\",\"reference\":\"crypto-" + lookup + "\",\"issuer\":\"Tokyo District"
                        + " Court\",\"validTo\":\"" + Instant.now().plus(30, ChronoUnit.DAYS) + "\",\"lookups\":[\""
                        + lookup + "\"],\"categories\":[\"" + String.join("\",\"", categories) + "\"]}")
                .when().post(suite.url(ServiceName.POLICY) + "/api/v1/cases").then().statusCode(201).extract().path("id");
    }

    private static String session(String subscriber, String address, Instant start, String mobile, String sim) {
        return "{\"subscriberId\":\"" + subscriber + "\",\"sessionId\":\"s-" + address + "\",\"nasId\":\"bras-c\","
                + "\"assignedAddress\":\"" + address + "\",\"start\":\"" + start + "\",\"end\":\""
                + start.plus(2, ChronoUnit.HOURS) + "\"" + (mobile == null ? "" : ",\"mobileUserId\":\"" + mobile
                + "\",\"simId\":\"" + sim + "\"") + "}";
    }

    private static String login(String account, String id, String ip, String phone, Instant post) {
        return "{\"kind\":\"LOGIN\",\"eventId\":\"" + id + "\",\"accountId\":\"" + account + "\",\"ip\":\"" + ip
                + "\",\"sourcePort\":40000,\"smsVerifiedPhone\":\"" + phone + "\",\"userManagementCode\":\"uc-crypto-"
                + id.substring(2) + "\",\"occurredAt\":\"" + post.minus(30, ChronoUnit.MINUTES) + "\"}";
    }

    private static String post(String account, String id, Instant at) {
        return "{\"kind\":\"POST\",\"eventId\":\"" + id + "\",\"accountId\":\"" + account + "\",\"occurredAt\":\"" + at
                + "\"}";
    }

    private static String subscriber(String ingest, String ip, Instant during) {
        JsonPath answer = client.as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"caseId\":\"" + apCase + "\",\"ip\":\"" + ip + "\",\"instant\":\""
                        + during.plus(10, ChronoUnit.MINUTES) + "\"}")
                .when().post(ingest + "/api/v1/lookups/ap").then().statusCode(200).extract().jsonPath();
        List<String> subscribers = answer.getList("candidates.subscriberId");
        assertThat(subscribers).hasSize(1);
        return subscribers.get(0);
    }

    private static JsonPath cpLookup(String ingest, String postId) {
        return client.as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"caseId\":\"" + cpCase + "\",\"postId\":\"" + postId + "\"}")
                .when().post(ingest + "/api/v1/lookups/cp").then().statusCode(200).extract().jsonPath();
    }

    /** Every row of every table of the log store's schema, as text. */
    private static String dump(String jdbcUrl) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection(jdbcUrl, suite.user(), suite.password());
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select table_name from information_schema.tables where table_schema ="
                    + " 'ingest' and table_type = 'BASE TABLE' order by 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("ap_session_preserved", "lookup_audit", "cp_login_event_preserved");
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("select t::text from ingest." + t + " t")) {
                    while (rs.next()) {
                        out.append(t).append(": ").append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    private static long count(String jdbcUrl, String sql, Instant t) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, suite.user(), suite.password());
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, t.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * A physical copy of the running server (PostgreSQL's low-level base backup): pg_backup_start,
     * copy the data directory, pg_backup_stop, then the WAL written meanwhile and the backup label.
     * Started on its own, the copy recovers to the state at pg_backup_stop.
     */
    private static void onlineBackup(Path dataDir, Path target) throws Exception {
        deleteTree(target.getParent());
        Files.createDirectories(target);
        String postgresDb = suite.jdbcUrl().replaceAll("/[^/]+$", "/postgres");
        try (Connection c = DriverManager.getConnection(postgresDb, suite.user(), suite.password());
                Statement s = c.createStatement()) {
            s.execute("select pg_backup_start('hozon-crypto-proof', true)");
            copyTree(dataDir, target, p -> !p.startsWith(dataDir.resolve("pg_wal")) && !p.getFileName().toString()
                    .startsWith("postmaster.") && !p.getFileName().toString().equals("epg-lock"));
            // PostgreSQL starts only on a data directory its owner alone may enter.
            Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            Files.createDirectories(target.resolve("pg_wal"));
            try (ResultSet rs = s.executeQuery("select labelfile, spcmapfile from pg_backup_stop(false)")) {
                rs.next();
                Files.writeString(target.resolve("backup_label"), rs.getString(1), StandardCharsets.UTF_8);
                String map = rs.getString(2);
                if (map != null && !map.isEmpty()) {
                    Files.writeString(target.resolve("tablespace_map"), map, StandardCharsets.UTF_8);
                }
            }
            s.execute("select pg_switch_wal()");
            copyTree(dataDir.resolve("pg_wal"), target.resolve("pg_wal"), p -> true);
        }
    }

    private static void copyTree(Path from, Path to, java.util.function.Predicate<Path> include) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (!include.test(p)) {
                    continue;
                }
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    try {
                        Files.createDirectories(dest.getParent());
                        Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                    } catch (java.nio.file.NoSuchFileException vanished) {
                        // A temporary file the server removed while we copied: recovery does not need it.
                    }
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
