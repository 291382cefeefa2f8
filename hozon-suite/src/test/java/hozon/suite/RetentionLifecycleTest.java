package hozon.suite;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole retention lifecycle across the three real services: a rule in policy-service,
 * records in ingest-service, a purge run in purge-service that removes exactly what expired.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetentionLifecycleTest {

    private static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    private static Suite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = SuiteFixture.start("lifecycle");
        // Six months for AP connection logs, in force since a year ago.
        given().contentType(ContentType.JSON)
                .body("{\"category\":\"ap.connection-auth\",\"period\":\"P6M\",\"justification\":\"billing disputes\","
                        + "\"effectiveFrom\":\"" + Instant.now().minus(365, ChronoUnit.DAYS) + "\",\"author\":\"e2e\"}")
                .when().post(suite.url(ServiceName.POLICY) + "/api/v1/retention-rules")
                .then().statusCode(201);
    }

    @AfterAll
    static void stopSuite() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }

    private static Instant monthsAgo(int months) {
        return ZonedDateTime.now(ZoneOffset.UTC).minusMonths(months).withHour(3).truncatedTo(ChronoUnit.HOURS).toInstant();
    }

    private static void ingestSession(String subscriber, Instant start) {
        given().contentType(ContentType.JSON)
                .body("{\"records\":[{\"subscriberId\":\"" + subscriber + "\",\"sessionId\":\"" + UUID.randomUUID()
                        + "\",\"assignedAddress\":\"100.64.0.1\",\"start\":\"" + start + "\",\"end\":\""
                        + start.plus(8, ChronoUnit.HOURS) + "\"}]}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/ap/sessions")
                .then().statusCode(200).body("stored", equalTo(1));
    }

    /** How many ap.connection-auth records ingest-service holds for the JST day of {@code t}. */
    private static int sessionsOnDayOf(Instant t) {
        LocalDate day = LocalDate.ofInstant(t, JST);
        JsonPath counts = given().queryParam("from", day.toString()).queryParam("to", day.plusDays(1).toString())
                .when().get(suite.url(ServiceName.INGEST) + "/api/v1/stats/daily-counts")
                .then().statusCode(200).extract().jsonPath();
        Integer n = counts.get("find { it.category == 'ap.connection-auth' }.count");
        return n == null ? 0 : n;
    }

    private static JsonPath purge() {
        return given().when().post(suite.url(ServiceName.PURGE) + "/api/v1/purge-runs")
                .then().statusCode(201).extract().jsonPath();
    }

    @Test
    @Order(1)
    void purgeRemovesSessionsOlderThanSixMonthsAndKeepsRecentOnes() {
        Instant old = monthsAgo(8);
        Instant recent = monthsAgo(1);
        ingestSession("sub-old", old);
        ingestSession("sub-recent", recent);
        assertThat(sessionsOnDayOf(old)).isEqualTo(1);

        JsonPath run = purge();

        assertThat(run.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(run.getString("planDigest")).matches("[0-9a-f]{64}");
        assertThat(run.getInt("categories.find { it.category == 'ap.connection-auth' }.rowsDeleted")).isEqualTo(1);
        assertThat(run.getInt("categories.find { it.category == 'ap.connection-auth' }.ruleVersion")).isEqualTo(1);
        assertThat(sessionsOnDayOf(old)).isZero();
        assertThat(sessionsOnDayOf(recent)).isEqualTo(1);

        // The run is on record with its counts.
        given().when().get(suite.url(ServiceName.PURGE) + "/api/v1/purge-runs/" + run.getString("id"))
                .then().statusCode(200).body("rowsRemoved", equalTo(1));
    }

    @Test
    @Order(2)
    void purgeFailsClosedWhilePolicyServiceIsStoppedAndCompletesOnceItIsBack() throws Exception {
        Instant old = monthsAgo(9);
        ingestSession("sub-old-2", old);

        suite.stopService(ServiceName.POLICY);
        try {
            JsonPath failed = purge();
            assertThat(failed.getString("outcome")).isEqualTo("FAILED");
            assertThat(failed.getString("failureReason")).startsWith("policy-service unavailable, nothing deleted");
            assertThat(failed.getLong("rowsRemoved")).isZero();
            assertThat(sessionsOnDayOf(old)).isEqualTo(1);
        } finally {
            suite.startService(ServiceName.POLICY);
        }

        // The circuit breaker may still be open for a moment after policy-service is back.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofSeconds(2))
                .until(() -> "SUCCEEDED".equals(purge().getString("outcome")));
        assertThat(sessionsOnDayOf(old)).isZero();
        given().when().get(suite.url(ServiceName.PURGE) + "/api/v1/purge-runs")
                .then().statusCode(200).body("[0].outcome", equalTo("SUCCEEDED"))
                .body("find { it.outcome == 'FAILED' }.failureReason", startsWith("policy-service unavailable"));
    }

    @Test
    @Order(3)
    void heldSessionSurvivesItsExpiryAndGoesOnTheFirstRunAfterTheHoldEnds() {
        Instant old = monthsAgo(7);
        ingestSession("sub-under-investigation", old);
        ingestSession("sub-neighbour", old.plus(1, ChronoUnit.HOURS));
        String holdId = given().contentType(ContentType.JSON)
                .body("{\"type\":\"PRESERVATION_REQUEST\",\"days\":30,\"authority\":\"Osaka District Public Prosecutors"
                        + " Office\",\"officer\":\"Prosecutor Tanaka\",\"documentRef\":\"R8-保-77\",\"requestDate\":\""
                        + LocalDate.now(JST) + "\",\"windowFrom\":\"" + old.minus(1, ChronoUnit.DAYS) + "\",\"windowTo\":\""
                        + old.plus(1, ChronoUnit.DAYS) + "\",\"categories\":[\"ap.connection-auth\"],"
                        + "\"selectors\":[{\"kind\":\"SUBSCRIBER\",\"value\":\"sub-under-investigation\"}],"
                        + "\"author\":\"legal@example.jp\"}")
                .when().post(suite.url(ServiceName.POLICY) + "/api/v1/holds")
                .then().statusCode(201).extract().path("id");

        JsonPath held = purge();
        assertThat(held.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(held.getList("holdsHonoured")).contains(holdId);
        assertThat(held.getInt("categories.find { it.category == 'ap.connection-auth' }.rowsHeld")).isEqualTo(1);
        assertThat(sessionsOnDayOf(old)).as("only the held session is left").isEqualTo(1);

        given().contentType(ContentType.JSON)
                .body("{\"kind\":\"WITHDRAWN\",\"reason\":\"investigation closed\",\"author\":\"legal@example.jp\"}")
                .when().post(suite.url(ServiceName.POLICY) + "/api/v1/holds/" + holdId + "/release")
                .then().statusCode(200);

        JsonPath after = purge();
        assertThat(after.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(after.getList("holdsHonoured")).doesNotContain(holdId);
        assertThat(after.getInt("categories.find { it.category == 'ap.connection-auth' }.rowsDeleted")).isEqualTo(1);
        assertThat(sessionsOnDayOf(old)).isZero();
    }
}
