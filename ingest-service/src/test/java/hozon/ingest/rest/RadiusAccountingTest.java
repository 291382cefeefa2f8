package hozon.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import hozon.devdb.EmbeddedPostgresTestResource;
import hozon.devdb.JwtTestResource;
import hozon.ingest.radius.EventTimestamp;
import hozon.ingest.radius.RadiusSessions;
import hozon.ingest.store.IdentityCodec;
import hozon.security.Roles;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** RADIUS accounting as rlm_rest posts it, in both JSON shapes, into session intervals. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
@TestSecurity(user = "radius@example.jp", roles = {Roles.FEED})
class RadiusAccountingTest {

    @Inject
    AgroalDataSource ds;

    @Inject
    RadiusSessions sessions;

    @Inject
    IdentityCodec codec;

    private static final Instant T = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    /** rlm_rest's own shape: {"Attr":{"type":…,"value":[…]}}. */
    private static String rlmRest(Map<String, Object> attrs) {
        StringBuilder sb = new StringBuilder("{");
        attrs.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":{\"type\":\"")
                .append(v instanceof Number ? "integer" : "string").append("\",\"value\":[\"").append(v).append("\"]}"));
        return sb.append('}').toString();
    }

    /** json_encode's flat shape: {"Attr":"value"} with numbers as numbers. */
    private static String flat(Map<String, Object> attrs) {
        StringBuilder sb = new StringBuilder("{");
        attrs.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":")
                .append(v instanceof Number ? v.toString() : "\"" + v + "\""));
        return sb.append('}').toString();
    }

    private static Map<String, Object> packet(String status, String user, String sessionId, String nas, Instant at,
            Object... more) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Acct-Status-Type", status);
        if (user != null) {
            m.put("User-Name", user);
            m.put("Acct-Session-Id", sessionId);
        }
        m.put("NAS-Identifier", nas);
        m.put("Event-Timestamp", EventTimestamp.format(at, ZoneOffset.UTC, "UTC"));
        m.put("NAS-Port", 7);
        m.put("Acct-Input-Octets", 123456);
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    private static void send(String json) {
        given().contentType(ContentType.JSON).body(json).when().post("/api/v1/radius/accounting").then().statusCode(204);
    }

    private OffsetDateTime[] interval(String user) {
        try (var c = ds.getConnection(); var ps = c.prepareStatement("select started_at, ended_at, end_cause from"
                + " ingest.ap_session where subscriber_bidx = any(array(select decode(x, 'hex') from unnest(?::text[]) x))")) {
            ps.setObject(1, codec.blindIndexes(IdentityCodec.IdentityField.SUBSCRIBER, "ap.connection-auth", Instant.EPOCH,
                    Instant.parse("2200-01-01T00:00:00Z"), user).toArray(String[]::new));
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a session row for " + user).isTrue();
                OffsetDateTime[] r = {rs.getObject(1, OffsetDateTime.class), rs.getObject(2, OffsetDateTime.class)};
                assertThat(rs.next()).as("only one row").isFalse();
                return r;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long rows(String user) {
        return DbProbe.count(ds, "select count(*) from ingest.ap_session where subscriber_id = ?", user);
    }

    @Test
    void startInterimStopInEitherShapeFormOneIntervalAndRetransmitsChangeNothing() {
        String user = "sub-" + UUID.randomUUID();
        String sid = "5F3A" + UUID.randomUUID().toString().substring(0, 4);
        send(rlmRest(packet("Start", user, sid, "bras-1", T, "Framed-IP-Address", "100.64.30.1",
                "Calling-Station-Id", "00-11-22-33-44-55")));
        send(flat(packet("Interim-Update", user, sid, "bras-1", T.plusSeconds(300), "Framed-IP-Address", "100.64.30.1",
                "Acct-Session-Time", 300)));
        String stop = flat(packet("Stop", user, sid, "bras-1", T.plusSeconds(3600), "Framed-IP-Address", "100.64.30.1",
                "Acct-Session-Time", 3600, "Acct-Terminate-Cause", "User-Request"));
        send(stop);
        send(stop);
        send(rlmRest(packet("Start", user, sid, "bras-1", T, "Framed-IP-Address", "100.64.30.1")));
        send(flat(packet("Interim-Update", user, sid, "bras-1", T.plusSeconds(4000), "Framed-IP-Address", "100.64.30.1",
                "Acct-Session-Time", 4000)));
        OffsetDateTime[] i = interval(user);
        assertThat(i[0].toInstant()).isEqualTo(T);
        assertThat(i[1].toInstant()).isEqualTo(T.plusSeconds(3600));
        assertThat(DbProbe.sessions(ds, user)).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("end_cause", "User-Request").containsEntry("calling_station_id",
                    "00-11-22-33-44-55");
            assertThat(row.get("stored_subscriber_id")).as("stored encrypted").startsWith("e").doesNotContain(user);
        });
        assertThat(DbProbe.count(ds, "select count(*) from ingest.ap_session where subscriber_id = ? and"
                + " received_at is not null and nas_id = 'bras-1'", user)).isEqualTo(1);
    }

    /**
     * Issue #19: concurrent packets share group commits. Many sessions at once, every packet sent
     * twice at the same moment (a NAS retransmitting while its first copy is being written): each
     * session is still one interval from its Start to its Stop, and each request is answered only
     * once its packet is stored.
     */
    @Test
    void concurrentSessionsWithRacingRetransmitsEachFormOneIntervalAndAreStoredWhenAnswered() throws Exception {
        String nas = "bras-" + UUID.randomUUID();
        int sessionsAtOnce = 24;
        long volumeBefore = storedVolumeAt(T);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2 * sessionsAtOnce);
        try {
            java.util.List<java.util.concurrent.Future<?>> all = new java.util.ArrayList<>();
            for (int i = 0; i < sessionsAtOnce; i++) {
                String user = "sub-" + nas + "-" + i;
                String address = "100.64.40." + (i + 1);
                all.add(pool.submit(() -> {
                    java.util.List<String> packets = java.util.List.of(
                            rlmRest(packet("Start", user, "S" + user, nas, T, "Framed-IP-Address", address)),
                            flat(packet("Interim-Update", user, "S" + user, nas, T.plusSeconds(300), "Framed-IP-Address",
                                    address, "Acct-Session-Time", 300)),
                            flat(packet("Stop", user, "S" + user, nas, T.plusSeconds(900), "Framed-IP-Address", address,
                                    "Acct-Session-Time", 900, "Acct-Terminate-Cause", "Idle-Timeout")));
                    for (String json : packets) {
                        java.util.concurrent.Future<?> copy = pool.submit(() -> send(json));
                        send(json);
                        copy.get(60, java.util.concurrent.TimeUnit.SECONDS);
                        if (json.contains("Start")) {
                            // answered: stored (one row, dated from the Start)
                            assertThat(interval(user)[0].toInstant()).isEqualTo(T);
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : all) {
                f.get(120, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < sessionsAtOnce; i++) {
            OffsetDateTime[] interval = interval("sub-" + nas + "-" + i);
            assertThat(interval[0].toInstant()).isEqualTo(T);
            assertThat(interval[1].toInstant()).isEqualTo(T.plusSeconds(900));
        }
        assertThat(DbProbe.count(ds, "select count(*) from ingest.ap_session where nas_id = ?", nas))
                .isEqualTo(sessionsAtOnce);
        assertThat(DbProbe.count(ds, "select count(*) from ingest.radius_session_state where nas_id = ? and closed_at"
                + " is null", nas)).isZero();
        // the hourly stored volumes (R9's statistics) count each session once, retransmits not at all
        assertThat(storedVolumeAt(T) - volumeBefore).isEqualTo(sessionsAtOnce);
    }

    private long storedVolumeAt(Instant t) {
        return DbProbe.count(ds, "select coalesce(sum(records), 0) from ingest.stored_volume where category ="
                + " 'ap.connection-auth' and hour = date_trunc('hour', ?::timestamptz)", t.toString());
    }

    /**
     * A packet whose day was dropped behind the service's back (a purge on another replica) spoils
     * the transaction it shares with others: they are stored on their own, and its day is made again.
     */
    @Test
    void aPacketWhoseDayWasDroppedMeanwhileIsStoredAfterItsDayIsMadeAgainAndSpoilsNoOtherPacket() throws Exception {
        Instant day = T.minus(20, ChronoUnit.DAYS);
        String nas = "bras-" + UUID.randomUUID();
        send(rlmRest(packet("Start", "sub-" + nas + "-first", "F", nas, day, "Framed-IP-Address", "100.64.41.1")));
        String partition = "ap_session_p" + day.atZone(ZoneOffset.UTC).toLocalDate().toString().replace("-", "");
        try (var c = ds.getConnection(); var s = c.createStatement()) {
            s.execute("drop table ingest." + partition);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            java.util.List<java.util.concurrent.Future<?>> all = new java.util.ArrayList<>();
            all.add(pool.submit(() -> send(rlmRest(packet("Start", "sub-" + nas + "-late", "L", nas, day,
                    "Framed-IP-Address", "100.64.41.2")))));
            for (int i = 0; i < 15; i++) {
                String user = "sub-" + nas + "-" + i;
                String address = "100.64.42." + (i + 1);
                all.add(pool.submit(() -> send(rlmRest(packet("Start", user, "S" + user, nas, T, "Framed-IP-Address",
                        address)))));
            }
            for (java.util.concurrent.Future<?> f : all) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(interval("sub-" + nas + "-late")[0].toInstant()).isEqualTo(day);
        for (int i = 0; i < 15; i++) {
            assertThat(interval("sub-" + nas + "-" + i)[0].toInstant()).isEqualTo(T);
        }
    }

    @Test
    void aStopWithoutStartDatesTheSessionBackByItsSessionTimeAndWithoutTimestampUsesTheDelay() {
        String user = "sub-" + UUID.randomUUID();
        send(flat(packet("Stop", user, "S-" + user, "bras-2", T.plusSeconds(7200), "Framed-IPv6-Prefix",
                "2001:db8:30::/64", "Acct-Session-Time", 7200)));
        OffsetDateTime[] i = interval(user);
        assertThat(i[0].toInstant()).isEqualTo(T);
        assertThat(i[1].toInstant()).isEqualTo(T.plusSeconds(7200));
        // No Event-Timestamp: event time = receipt - Acct-Delay-Time.
        String other = "sub-" + UUID.randomUUID();
        Map<String, Object> p = packet("Start", other, "S-" + other, "bras-2", T, "Delegated-IPv6-Prefix",
                "2001:db8:31::/56", "Acct-Delay-Time", 30);
        p.remove("Event-Timestamp");
        Instant before = Instant.now();
        send(flat(p));
        Instant start = interval(other)[0].toInstant();
        assertThat(start).isBetween(before.minusSeconds(31), Instant.now().minusSeconds(29));
    }

    @Test
    void accountingOnEndsTheNasesOpenSessionsAndStaleSessionsEndAfterTheConfiguredTime() throws Exception {
        String a = "sub-" + UUID.randomUUID();
        String b = "sub-" + UUID.randomUUID();
        String nas = "bras-" + UUID.randomUUID();
        send(rlmRest(packet("Start", a, "A", nas, T, "Framed-IP-Address", "100.64.31.1")));
        send(rlmRest(packet("Start", b, "B", "other-" + nas, T, "Framed-IP-Address", "100.64.31.2")));
        send(rlmRest(packet("Accounting-On", null, null, nas, T.plusSeconds(600))));
        assertThat(interval(a)[1].toInstant()).isEqualTo(T.plusSeconds(600));
        assertThat(interval(b)[1]).isNull();
        // b's last packet is 3 days old, beyond stale-after (P1D): it ends at last packet + P1D.
        sessions.closeStale();
        assertThat(interval(b)[1].toInstant()).isEqualTo(T.plus(1, ChronoUnit.DAYS));
        assertThat(DbProbe.count(ds, "select count(*) from ingest.ap_session where subscriber_id = ? and end_cause ="
                + " 'Stale'", b)).isEqualTo(1);
        // Late packets for a session ended as stale do not reopen it.
        send(flat(packet("Interim-Update", b, "B", "other-" + nas, T.plusSeconds(900), "Framed-IP-Address",
                "100.64.31.2", "Acct-Session-Time", 900)));
        assertThat(interval(b)[1].toInstant()).isEqualTo(T.plus(1, ChronoUnit.DAYS));
    }

    /**
     * Issue #20: a mobile core's accounting (3GPP TS 29.061: 3GPP-IMSI, Calling-Station-Id =
     * MSISDN) yields the SIM identifier and the mobile connection user ID; a fixed line's
     * Calling-Station-Id (a circuit id or MAC) is no mobile user ID.
     */
    @Test
    void aMobileCoresAccountingKeepsTheSimIdentifierAndMobileUserIdAFixedLinesDoesNot() {
        String mobile = "sub-" + UUID.randomUUID();
        send(rlmRest(packet("Start", mobile, "M1", "pgw-1", T, "Framed-IP-Address", "100.64.33.1",
                "Calling-Station-Id", "819012345678", "3GPP-IMSI", "440101234567890")));
        String fixed = "sub-" + UUID.randomUUID();
        send(flat(packet("Start", fixed, "F1", "bras-3", T, "Framed-IP-Address", "100.64.33.2",
                "Calling-Station-Id", "02-00-5e-00-53-01")));
        assertThat(DbProbe.sessions(ds, mobile)).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("sim_id", "440101234567890").containsEntry("mobile_user_id", "819012345678"));
        assertThat(DbProbe.sessions(ds, fixed)).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("sim_id", null).containsEntry("mobile_user_id", null)
                .containsEntry("calling_station_id", "02-00-5e-00-53-01"));
        String bad = "sub-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(flat(packet("Start", bad, "B1", "pgw-1", T, "Framed-IP-Address",
                        "100.64.33.3", "3GPP-IMSI", "4401-0123")))
                .when().post("/api/v1/radius/accounting").then().statusCode(400)
                .body("errors[0].field", equalTo("3GPP-IMSI"));
        assertThat(rows(bad)).isZero();
    }

    @Test
    void invalidAttributesAreNamedAndNothingIsStored() {
        String user = "sub-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(flat(packet("Start", user, "X", "bras-3", T,
                        "Framed-IP-Address", "100.64.300.1")))
                .when().post("/api/v1/radius/accounting").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("Framed-IP-Address"));
        Map<String, Object> p = packet("Start", user, "X", "bras-3", T, "Framed-IP-Address", "100.64.32.1");
        p.put("Event-Timestamp", "Mar  5 2025 10:00:00 CST");
        given().contentType(ContentType.JSON).body(flat(p)).when().post("/api/v1/radius/accounting").then()
                .statusCode(400).body("errors[0].field", equalTo("Event-Timestamp"));
        given().contentType(ContentType.JSON).body(flat(packet("Reboot", user, "X", "bras-3", T)))
                .when().post("/api/v1/radius/accounting").then().statusCode(400)
                .body("errors[0].field", equalTo("Acct-Status-Type"));
        given().contentType(ContentType.JSON).body(flat(packet("Start", user, "X", "bras-3",
                        Instant.now().plus(1, ChronoUnit.HOURS), "Framed-IP-Address", "100.64.32.1")))
                .when().post("/api/v1/radius/accounting").then().statusCode(400)
                .body("errors[0].field", equalTo("Event-Timestamp"));
        assertThat(rows(user)).isZero();
    }

    /** A kept attribute with a value of the wrong kind is refused and named; nothing is stored. */
    @Test
    void keptAttributesOfTheWrongKindAreRefusedAndNamed() {
        String user = "sub-" + UUID.randomUUID();
        Map<String, Object> badNas = packet("Start", user, "Y", "bras-4", T, "Framed-IP-Address", "100.64.33.1");
        badNas.remove("NAS-Identifier");
        badNas.put("NAS-IP-Address", "300.1.2.3");
        given().contentType(ContentType.JSON).body(flat(badNas)).when().post("/api/v1/radius/accounting").then()
                .statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("NAS-IP-Address"));
        given().contentType(ContentType.JSON).body(flat(packet("Stop", user, "Y", "bras-4", T, "Framed-IP-Address",
                        "100.64.33.1", "Acct-Session-Time", -5)))
                .when().post("/api/v1/radius/accounting").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("Acct-Session-Time"));
        given().contentType(ContentType.JSON).body(flat(packet("Start", user, "Y", "bras-4", T, "Framed-IP-Address",
                        "100.64.33.1")).replace("\"User-Name\":\"" + user + "\"", "\"User-Name\":{\"a\":1}"))
                .when().post("/api/v1/radius/accounting").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("User-Name"));
        given().contentType(ContentType.JSON).body(flat(packet("Start", user, "Y", "bras-4", T, "Framed-IP-Address",
                        "100.64.33.1", "Calling-Station-Id", "090\\u00001234")))
                .when().post("/api/v1/radius/accounting").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("Calling-Station-Id"));
        assertThat(rows(user)).isZero();
    }
}
