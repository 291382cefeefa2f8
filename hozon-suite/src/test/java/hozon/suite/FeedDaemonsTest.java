package hozon.suite;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real feed daemons against the running suite: FreeRADIUS (radclient → rlm_rest, both JSON
 * shapes) and syslog-ng (RFC 5424 CGNAT port-block events → http()), then the look-up chain
 * through what they fed, and ingest's independence from policy-service.
 */
class FeedDaemonsTest {

    private static Suite suite;
    private static SuiteClient client;
    private static FeedDaemons daemons;
    private static final Instant T = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @BeforeAll
    static void start() throws Exception {
        suite = SuiteFixture.start("feeds");
        client = new SuiteClient(suite);
        String token = suite.token("nas-feed", Duration.ofHours(2), "feed");
        daemons = new FeedDaemons(Path.of("target", "feed-daemons").toAbsolutePath());
        daemons.startFreeRadius(suite.url(ServiceName.INGEST), token);
        daemons.startSyslogNg(suite.url(ServiceName.INGEST), token);
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemons != null) {
            daemons.close();
        }
        if (suite != null) {
            suite.close();
        }
    }

    private static String[] acct(String status, String user, String session, Instant at, String... more) {
        List<String> a = new ArrayList<>(List.of("Acct-Status-Type = " + status, "User-Name = \"" + user + "\"",
                "Acct-Session-Id = \"" + session + "\"", "NAS-Identifier = \"bras-tokyo-01\"",
                "NAS-IP-Address = 192.0.2.1", "Event-Timestamp = " + at.getEpochSecond(), "NAS-Port = 12",
                "Acct-Input-Octets = 1234567"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /** The rows of a RADIUS session (Acct-Session-Id): identities are stored encrypted, so rows are found by it. */
    private static List<Object[]> sessions(String sessionId) throws Exception {
        try (Connection db = DriverManager.getConnection(suite.jdbcUrl(), suite.user(), suite.password());
                PreparedStatement ps = db.prepareStatement("select started_at, ended_at, end_cause, abbrev(assigned_ip),"
                        + " calling_station_id from ingest.ap_session where session_id = ? order by assigned_ip")) {
            ps.setString(1, sessionId);
            List<Object[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Object[] {rs.getObject(1, OffsetDateTime.class).toInstant(),
                            rs.getObject(2, OffsetDateTime.class) == null ? null : rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getString(4), rs.getString(5)});
                }
            }
            return out;
        }
    }

    @Test
    void freeRadiusAccountingInBothShapesFormsOneIntervalPerAddressAndRetransmitsLeaveOneRow() throws Exception {
        String user = "sub-radius-1";
        assertThat(daemons.radclient(daemons.acctPort, acct("Start", user, "5F3A0001", T,
                "Framed-IP-Address = 100.64.40.1", "Delegated-IPv6-Prefix = 2001:db8:40::/56",
                "Calling-Station-Id = \"02-00-5e-00-53-01\""))).as(daemons.logs()).isTrue();
        assertThat(daemons.radclient(daemons.acctFlatPort, acct("Interim-Update", user, "5F3A0001", T.plusSeconds(600),
                "Framed-IP-Address = 100.64.40.1", "Acct-Session-Time = 600"))).as(daemons.logs()).isTrue();
        String[] stop = acct("Stop", user, "5F3A0001", T.plusSeconds(7200), "Framed-IP-Address = 100.64.40.1",
                "Delegated-IPv6-Prefix = 2001:db8:40::/56", "Acct-Session-Time = 7200",
                "Acct-Terminate-Cause = User-Request");
        assertThat(daemons.radclient(daemons.acctFlatPort, stop)).as(daemons.logs()).isTrue();
        assertThat(daemons.radclient(daemons.acctPort, stop)).as(daemons.logs()).isTrue();
        assertThat(daemons.radclient(daemons.acctPort, acct("Start", user, "5F3A0001", T,
                "Framed-IP-Address = 100.64.40.1"))).isTrue();

        List<Object[]> rows = sessions("5F3A0001");
        assertThat(rows).hasSize(2);
        for (Object[] r : rows) {
            assertThat(r[0]).isEqualTo(T);
            assertThat(r[1]).isEqualTo(T.plusSeconds(7200));
            assertThat(r[2]).isEqualTo("User-Request");
            // Kept, and encrypted like every identifying field (issue #11).
            assertThat((String) r[4]).startsWith("e").doesNotContain("02-00-5e-00-53-01");
        }
        assertThat(rows.stream().map(r -> (String) r[3]).toList()).containsExactlyInAnyOrder("100.64.40.1",
                "2001:db8:40::/56");
    }

    /**
     * Issue #20: a mobile core's Accounting-Start through FreeRADIUS (its 3GPP dictionary, rlm_rest
     * in both JSON shapes) keeps 3GPP-IMSI as the SIM identifier and the Calling-Station-Id
     * (the MSISDN, 3GPP TS 29.061) as the mobile connection user ID.
     */
    @Test
    void aMobileCoresAccountingThroughFreeRadiusKeepsTheImsiAndMsisdn() throws Exception {
        String user = "sub-radius-mobile";
        assertThat(daemons.radclient(daemons.acctPort, acct("Start", user, "5F3A0010", T,
                "Framed-IP-Address = 100.64.42.1", "Calling-Station-Id = \"819012340010\"",
                "3GPP-IMSI = \"440101234500010\""))).as(daemons.logs()).isTrue();
        assertThat(daemons.radclient(daemons.acctFlatPort, acct("Start", user, "5F3A0011", T,
                "Framed-IP-Address = 100.64.42.2", "Calling-Station-Id = \"819012340011\"",
                "3GPP-IMSI = \"440101234500011\""))).as(daemons.logs()).isTrue();
        String caseId = client.as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"type\":\"WARRANT\",\"reference\":\"feeds-mobile\",\"issuer\":\"Tokyo District Court\","
                        + "\"validTo\":\"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\",\"lookups\":[\"AP_ADDRESS\"],"
                        + "\"categories\":[\"ap.connection-auth\"]}")
                .when().post(suite.url(ServiceName.POLICY) + "/api/v1/cases").then().statusCode(201).extract().path("id");
        for (String[] expected : new String[][] {{"100.64.42.1", "819012340010", "440101234500010"},
                {"100.64.42.2", "819012340011", "440101234500011"}}) {
            JsonPath answer = client.as("alice", "legal-officer").contentType(ContentType.JSON)
                    .body("{\"caseId\":\"" + caseId + "\",\"ip\":\"" + expected[0] + "\",\"instant\":\""
                            + T.plusSeconds(60) + "\"}")
                    .when().post(suite.url(ServiceName.INGEST) + "/api/v1/lookups/ap").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(answer.getList("candidates.subscriberId")).as(daemons.logs()).containsExactly(user);
            assertThat(answer.getString("candidates[0].senderInformation.find { it.item == 'MOBILE_USER_ID' }.value"))
                    .isEqualTo(expected[1]);
            assertThat(answer.getString("candidates[0].senderInformation.find { it.item == 'SIM_ID' }.value"))
                    .isEqualTo(expected[2]);
        }
    }

    @Test
    void syslogNgPortBlockEventsFeedTheChainFromPublicAddressAndPortToTheRadiusSubscriber() throws Exception {
        String user = "sub-radius-2";
        assertThat(daemons.radclient(daemons.acctPort, acct("Start", user, "5F3A0002", T,
                "Framed-IP-Address = 100.64.41.1"))).as(daemons.logs()).isTrue();
        Instant allocated = T.plusSeconds(600);
        Instant released = T.plusSeconds(3600);
        String allocate = rfc5424(allocated, "allocate", "100.64.41.1", "192.0.2.20", 6000, 6999);
        daemons.syslog(List.of(allocate, allocate, rfc5424(released, "release", "100.64.41.1", "192.0.2.20", 6000, 6999),
                rfc5424(released, "release", "100.64.41.1", "192.0.2.20", 6000, 6999)));
        try (Connection db = DriverManager.getConnection(suite.jdbcUrl(), suite.user(), suite.password())) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                try (PreparedStatement ps = db.prepareStatement("select allocated_at, released_at, host(inside_ip), device_id"
                        + " from ingest.ap_port_block where public_ip = '192.0.2.20'")) {
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).as(daemons.logs()).isTrue();
                        assertThat(rs.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(allocated);
                        assertThat(rs.getObject(2, OffsetDateTime.class)).as("released").isNotNull();
                        assertThat(rs.getObject(2, OffsetDateTime.class).toInstant()).isEqualTo(released);
                        assertThat(rs.getString(3)).isEqualTo("100.64.41.1");
                        assertThat(rs.getString(4)).isEqualTo("cgn-tokyo-01");
                        assertThat(rs.next()).as("one block").isFalse();
                    }
                }
            });
        }
        String caseId = client.as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"type\":\"WARRANT\",\"reference\":\"feeds-1\",\"issuer\":\"Tokyo District Court\",\"validTo\":\""
                        + Instant.now().plus(1, ChronoUnit.DAYS) + "\",\"lookups\":[\"AP_ADDRESS\"],"
                        + "\"categories\":[\"ap.connection-auth\",\"ap.nat-port-block\"]}")
                .when().post(suite.url(ServiceName.POLICY) + "/api/v1/cases").then().statusCode(201).extract().path("id");
        JsonPath answer = client.as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"caseId\":\"" + caseId + "\",\"ip\":\"192.0.2.20\",\"port\":6500,\"instant\":\""
                        + T.plusSeconds(1800) + "\"}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/lookups/ap").then().statusCode(200)
                .extract().jsonPath();
        assertThat(answer.getList("candidates.subscriberId")).containsExactly(user);
        assertThat(answer.getString("candidates[0].matchedBy")).isEqualTo("PORT_BLOCK");
        // After the release the block no longer points at that subscriber.
        JsonPath after = client.as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"caseId\":\"" + caseId + "\",\"ip\":\"192.0.2.20\",\"port\":6500,\"instant\":\""
                        + released.plusSeconds(60) + "\"}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/lookups/ap").then().statusCode(200)
                .extract().jsonPath();
        assertThat(after.getList("candidates")).isEmpty();
    }

    @Test
    void ingestKeepsAcceptingWithPolicyServiceDownEvenAfterARestart() throws Exception {
        suite.stopService(ServiceName.POLICY);
        try {
            suite.stopService(ServiceName.INGEST);
            suite.startService(ServiceName.INGEST);
            assertThat(daemons.radclient(daemons.acctPort, acct("Start", "sub-radius-3", "5F3A0003", T,
                    "Framed-IP-Address = 100.64.42.1"))).as(daemons.logs()).isTrue();
            assertThat(sessions("5F3A0003")).hasSize(1);
            given().header("Authorization", "Bearer " + suite.token("cp-feed", Duration.ofMinutes(5), "feed"))
                    .contentType("application/x-ndjson")
                    .body(("{\"kind\":\"LOGIN\",\"eventId\":\"l-1\",\"accountId\":\"acct-9\",\"ip\":\"198.51.100.9\","
                            + "\"sourcePort\":40000,\"occurredAt\":\"" + T + "\"}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .when().post(suite.url(ServiceName.INGEST) + "/api/v1/cp/events").then().statusCode(200);
        } finally {
            suite.startService(ServiceName.POLICY);
        }
    }

    /** An RFC 5424 message with the port-block structured data the README maps (SD-ID nat@32473). */
    private static String rfc5424(Instant at, String event, String inside, String outside, int from, int to) {
        return "<134>1 " + at + " cgn-tokyo-01 natd - - [nat@32473 event=\"" + event + "\" inside=\"" + inside
                + "\" outside=\"" + outside + "\" portStart=\"" + from + "\" portEnd=\"" + to + "\"]";
    }
}
