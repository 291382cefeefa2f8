package hozon.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import hozon.devdb.EmbeddedPostgresTestResource;
import hozon.devdb.JwtTestResource;
import hozon.ingest.store.RecordKind;
import hozon.security.Roles;
import io.quarkus.test.security.TestSecurity;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
@TestSecurity(user = "tester@example.jp", roles = {Roles.FEED, Roles.AUDITOR})
class IngestResourceTest {

    @Inject
    AgroalDataSource ds;

    private static String session(String subscriber, String address, Instant start, Instant end) {
        return "{\"subscriberId\":\"" + subscriber + "\",\"sessionId\":\"s-" + subscriber + "\",\"nasId\":\"nas-1\","
                + "\"assignedAddress\":\"" + address + "\",\"start\":\"" + start + "\""
                + (end == null ? "" : ",\"end\":\"" + end + "\"") + "}";
    }

    private long sessionsOf(String subscriber) {
        return DbProbe.count(ds, "select count(*) from ingest.ap_session where subscriber_id = ?", subscriber);
    }

    @Test
    void storesASessionOnceEvenWhenItIsSentTwice() {
        String sub = "sub-" + UUID.randomUUID();
        Instant start = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String body = "{\"records\":[" + session(sub, "100.64.3.4", start, start.plusSeconds(3600)) + "]}";
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/ap/sessions")
                .then().statusCode(200).body("stored", equalTo(1)).body("duplicates", equalTo(0));
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/ap/sessions")
                .then().statusCode(200).body("stored", equalTo(0)).body("duplicates", equalTo(1));
        assertThat(sessionsOf(sub)).isEqualTo(1);
    }

    @Test
    void sessionsSpanningSeveralDaysGoToTheirDayPartitionsAndIpv6PrefixesAreAccepted() {
        String sub = "sub-" + UUID.randomUUID();
        Instant d1 = Instant.parse("2026-01-10T23:59:59.999Z");
        Instant d2 = Instant.parse("2026-01-11T00:00:00Z");
        given().contentType(ContentType.JSON)
                .body("{\"records\":[" + session(sub, "2001:db8:1200::/40", d1, null) + ","
                        + session(sub, "2001:db8::1", d2, null) + "]}")
                .when().post("/api/v1/ap/sessions").then().statusCode(200).body("stored", equalTo(2));
        assertThat(DbProbe.count(ds, "select count(*) from ingest.ap_session_p20260110 where subscriber_id = ?", sub))
                .isEqualTo(1);
        assertThat(DbProbe.count(ds, "select count(*) from ingest.ap_session_p20260111 where subscriber_id = ?", sub))
                .isEqualTo(1);
    }

    @Test
    void aBatchWithOneBadRecordStoresNothingAndNamesEveryProblem() {
        String sub = "sub-" + UUID.randomUUID();
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS);
        String good = session(sub, "100.64.3.5", start, null);
        String badAddress = session(sub, "100.64.3.256", start, null);
        String hostBits = session(sub, "2001:db8::1/48", start, null);
        String endBeforeStart = session(sub, "100.64.3.6", start, start.minusSeconds(1));
        String future = session(sub, "100.64.3.7", Instant.now().plus(1, ChronoUnit.DAYS), null);
        given().contentType(ContentType.JSON)
                .body("{\"records\":[" + good + "," + badAddress + "," + hostBits + "," + endBeforeStart + "," + future + "]}")
                .when().post("/api/v1/ap/sessions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:hozon:problem:invalid-records"))
                .body("errors", hasSize(4))
                .body("errors.find { it.index == 1 }.field", equalTo("assignedAddress"))
                .body("errors.find { it.index == 2 }.field", equalTo("assignedAddress"))
                .body("errors.find { it.index == 3 }.field", equalTo("end"))
                .body("errors.find { it.index == 4 }.field", equalTo("start"));
        assertThat(sessionsOf(sub)).isZero();
    }

    @Test
    void fieldsOutsideTheSchemaAreRefused() {
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS);
        given().contentType(ContentType.JSON)
                .body("{\"records\":[{\"kind\":\"POST\",\"eventId\":\"p-1\",\"accountId\":\"a-1\",\"occurredAt\":\""
                        + start + "\",\"body\":\"the text of the post\"}]}")
                .when().post("/api/v1/cp/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:hozon:problem:unknown-field"))
                .body("errors[0].field", equalTo("records[0].body"))
                .body("errors[0].reason", equalTo("content of communications is never stored (R1)"))
                .body("errors[0].index", equalTo(0));
        assertThat(DbProbe.count(ds, "select count(*) from ingest.cp_post where account_id = ? and event_id = 'p-1'", "a-1"))
                .isZero();
    }

    @Test
    void cpEventsLandInTheirCategorysTable() {
        String account = "acct-" + UUID.randomUUID();
        Instant t = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        given().contentType(ContentType.JSON)
                .body("{\"records\":["
                        + "{\"kind\":\"ACCOUNT_CREATED\",\"eventId\":\"e1\",\"accountId\":\"" + account + "\",\"ip\":\"198.51.100.1\",\"sourcePort\":40000,\"occurredAt\":\"" + t + "\"},"
                        + "{\"kind\":\"LOGIN\",\"eventId\":\"e2\",\"accountId\":\"" + account + "\",\"ip\":\"2001:db8::5\",\"sourcePort\":40001,\"occurredAt\":\"" + t.plusMillis(1) + "\"},"
                        + "{\"kind\":\"POST\",\"eventId\":\"post-" + account + "\",\"accountId\":\"" + account + "\",\"occurredAt\":\"" + t.plusMillis(2) + "\"}]}")
                .when().post("/api/v1/cp/events")
                .then().statusCode(200).body("stored", equalTo(3));
        assertThat(DbProbe.count(ds, "select count(*) from ingest.cp_account_event where account_id = ?", account)).isEqualTo(1);
        assertThat(DbProbe.count(ds, "select count(*) from ingest.cp_login_event where account_id = ?", account)).isEqualTo(1);
        assertThat(DbProbe.count(ds, "select count(*) from ingest.cp_post where account_id = ? and ip is null", account))
                .isEqualTo(1);
    }

    /**
     * Issue #20: the sender-information items a CP holds (Enforcement Regulation Art. 2) are kept
     * with the event — destination, SMS-verified number, the provider's user identifier — and the
     * event time to the millisecond.
     */
    @Test
    void senderInformationItemsAreStoredWithTheirEventToTheMillisecond() {
        String account = "acct-" + UUID.randomUUID();
        Instant t = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).plusMillis(123);
        given().contentType(ContentType.JSON)
                .body("{\"records\":[{\"kind\":\"LOGIN\",\"eventId\":\"si-1\",\"accountId\":\"" + account + "\","
                        + "\"ip\":\"198.51.100.9\",\"sourcePort\":40009,\"destinationIp\":\"192.0.2.80\",\"destinationPort\":443,"
                        + "\"smsVerifiedPhone\":\"+819012340009\",\"userManagementCode\":\"u-9\",\"occurredAt\":\"" + t + "\"}]}")
                .when().post("/api/v1/cp/events")
                .then().statusCode(200).body("stored", equalTo(1));
        assertThat(DbProbe.count(ds, "select count(*) from ingest.cp_login_event where account_id = ? and occurred_at = '"
                + t + "' and host(destination_ip) = '192.0.2.80' and destination_port = 443", account)).isEqualTo(1);
        assertThat(DbProbe.cpEvents(ds, RecordKind.CP_LOGIN, account)).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("sms_phone", "+819012340009").containsEntry("user_code", "u-9")
                    .containsEntry("account_id", account);
            assertThat(row.get("stored_account_id")).startsWith("e").doesNotContain(account);
        });
    }

    @Test
    void senderInformationItemsAreValidatedAndAPhoneNumberIsNeverEchoed() {
        String account = "acct-" + UUID.randomUUID();
        Instant t = Instant.now().minus(1, ChronoUnit.HOURS);
        String body = given().contentType(ContentType.JSON)
                .body("{\"records\":["
                        + "{\"kind\":\"POST\",\"eventId\":\"p\",\"accountId\":\"" + account + "\",\"smsVerifiedPhone\":"
                        + "\"+819012340001\",\"occurredAt\":\"" + t + "\"},"
                        + "{\"kind\":\"LOGIN\",\"eventId\":\"l\",\"accountId\":\"" + account + "\",\"smsVerifiedPhone\":"
                        + "\"090-1234-0002\",\"destinationPort\":443,\"occurredAt\":\"" + t + "\"}]}")
                .when().post("/api/v1/cp/events")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.find { it.index == 0 }.field", equalTo("smsVerifiedPhone"))
                .body("errors.find { it.index == 0 }.reason", equalTo("is recorded on ACCOUNT_CREATED and LOGIN events only"))
                .body("errors.findAll { it.index == 1 }.field", hasItem("smsVerifiedPhone"))
                .body("errors.findAll { it.index == 1 }.field", hasItem("destinationIp"))
                .extract().asString();
        assertThat(body).doesNotContain("819012340001").doesNotContain("1234-0002");
        given().contentType(ContentType.JSON)
                .body("{\"records\":[{\"subscriberId\":\"sub-m\",\"sessionId\":\"m\",\"assignedAddress\":\"100.64.99.1\","
                        + "\"simId\":\"SIM-44010\",\"start\":\"" + t + "\"}]}")
                .when().post("/api/v1/ap/sessions")
                .then().statusCode(400).body("errors[0].field", equalTo("simId"));
        assertThat(DbProbe.count(ds, "select count(*) from ingest.cp_post where account_id = ?", account)).isZero();
        assertThat(DbProbe.count(ds, "select count(*) from ingest.ap_session where subscriber_id = ?", "sub-m")).isZero();
    }

    @Test
    void aPortWithoutAnAddressAndABadPortAreRefused() {
        Instant t = Instant.now().minus(1, ChronoUnit.HOURS);
        given().contentType(ContentType.JSON)
                .body("{\"records\":[{\"kind\":\"LOGIN\",\"eventId\":\"e\",\"accountId\":\"a\",\"sourcePort\":70000,\"occurredAt\":\"" + t + "\"}]}")
                .when().post("/api/v1/cp/events")
                .then().statusCode(400)
                .body("errors.reason", hasItem("must be 0..65535"))
                .body("errors.reason", hasItem("is required with a source port"));
        assertThat(DbProbe.count(ds, "select count(*) from ingest.cp_login_event where account_id = ? and event_id = 'e'", "a"))
                .isZero();
    }

    @Test
    void dailyCountsReportVolumesPerCategory() {
        String sub = "sub-" + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body("{\"records\":[" + session(sub, "100.64.9.9", Instant.parse("2025-05-05T03:00:00Z"), null) + "]}")
                .when().post("/api/v1/ap/sessions").then().statusCode(200);
        given().queryParam("from", "2025-05-05").queryParam("to", "2025-05-06")
                .when().get("/api/v1/stats/daily-counts")
                .then().statusCode(200)
                .body("find { it.category == 'ap.connection-auth' }.day", equalTo("2025-05-05"))
                .body("find { it.category == 'ap.connection-auth' }.count", equalTo(1));
        given().queryParam("from", "yesterday").when().get("/api/v1/stats/daily-counts")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
