package hozon.suite;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** What a user of the running suite does, over HTTP: the steps the cross-service tests are made of. */
final class SuiteClient {

    static final ZoneId JST = ZoneId.of("Asia/Tokyo");

    private final Suite suite;

    SuiteClient(Suite suite) {
        this.suite = suite;
    }

    /** A request as {@code user} holding {@code role}, with a token from the suite's issuer. */
    RequestSpecification as(String user, String role) {
        return given().header("Authorization", "Bearer " + suite.token(user, Duration.ofMinutes(30), role));
    }

    RequestSpecification as(String role) {
        return as(role + "-user", role);
    }

    static Instant monthsAgo(int months) {
        return ZonedDateTime.now(ZoneOffset.UTC).minusMonths(months).withHour(3).truncatedTo(ChronoUnit.HOURS).toInstant();
    }

    /**
     * A rule in force since a year ago; waits out purge-service's one-second grace. This waits for
     * wall-clock time to pass (the grace is measured on the clock), not for an event to happen,
     * so there is nothing to poll for.
     */
    void createRule(String category, String period) throws InterruptedException {
        as("policy-admin").contentType(ContentType.JSON)
                .body("{\"category\":\"" + category + "\",\"period\":\"" + period + "\",\"justification\":\"billing disputes\","
                        + "\"effectiveFrom\":\"" + Instant.now().minus(365, ChronoUnit.DAYS) + "\"}")
                .when().post(suite.url(ServiceName.POLICY) + "/api/v1/retention-rules")
                .then().statusCode(201);
        Thread.sleep(1500);
    }

    void ingestSession(String subscriber, Instant start) {
        as("feed").contentType(ContentType.JSON)
                .body("{\"records\":[{\"subscriberId\":\"" + subscriber + "\",\"sessionId\":\"" + UUID.randomUUID()
                        + "\",\"assignedAddress\":\"100.64.0.1\",\"start\":\"" + start + "\",\"end\":\""
                        + start.plus(8, ChronoUnit.HOURS) + "\"}]}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/ap/sessions")
                .then().statusCode(200).body("stored", equalTo(1));
    }

    /** How many ap.connection-auth records ingest-service holds for the JST day of {@code t}. */
    int sessionsOnDayOf(Instant t) {
        LocalDate day = LocalDate.ofInstant(t, JST);
        JsonPath counts = as("auditor").queryParam("from", day.toString()).queryParam("to", day.plusDays(1).toString())
                .when().get(suite.url(ServiceName.INGEST) + "/api/v1/stats/daily-counts")
                .then().statusCode(200).extract().jsonPath();
        Integer n = counts.get("find { it.category == 'ap.connection-auth' }.count");
        return n == null ? 0 : n;
    }

    JsonPath purge() {
        return as("purge-operator").when().post(suite.url(ServiceName.PURGE) + "/api/v1/purge-runs")
                .then().statusCode(201).extract().jsonPath();
    }

    JsonPath run(String id) {
        return as("auditor").when().get(suite.url(ServiceName.PURGE) + "/api/v1/purge-runs/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    /** The newest run, if it is RUNNING with its plan recorded (i.e. waiting to execute). */
    String runningWithPlan() {
        JsonPath runs = as("auditor").queryParam("limit", 1).when().get(suite.url(ServiceName.PURGE) + "/api/v1/purge-runs")
                .then().statusCode(200).extract().jsonPath();
        return "RUNNING".equals(runs.getString("[0].outcome")) && runs.getString("[0].planDigest") != null
                ? runs.getString("[0].id") : null;
    }

    String placePreservation(String subscriber, Instant windowFrom, Instant windowTo) {
        return as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"type\":\"PRESERVATION_REQUEST\",\"days\":30,\"authority\":\"Osaka District Public Prosecutors"
                        + " Office\",\"officer\":\"Prosecutor Tanaka\",\"documentRef\":\"R8-保-77\",\"requestDate\":\""
                        + LocalDate.now(JST) + "\",\"windowFrom\":\"" + windowFrom + "\",\"windowTo\":\"" + windowTo
                        + "\",\"categories\":[\"ap.connection-auth\"],"
                        + "\"selectors\":[{\"kind\":\"SUBSCRIBER\",\"value\":\"" + subscriber + "\"}]}")
                .when().post(suite.url(ServiceName.POLICY) + "/api/v1/holds")
                .then().statusCode(201).extract().path("id");
    }

    /** Alice asks for the withdrawal, Bob, a second legal officer, approves it (four-eyes). */
    void withdraw(String holdId) {
        String approval = as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"kind\":\"WITHDRAWN\",\"reason\":\"investigation closed\"}")
                .when().post(suite.url(ServiceName.POLICY) + "/api/v1/holds/" + holdId + "/release")
                .then().statusCode(202).extract().path("id");
        as("bob", "legal-officer").contentType(ContentType.JSON).body("{}")
                .when().post(suite.url(ServiceName.POLICY) + "/api/v1/approvals/" + approval + "/approve")
                .then().statusCode(200);
    }

    JsonPath ledgerVerification() {
        return as("auditor").when().get(suite.url(ServiceName.PURGE) + "/api/v1/ledger/verification")
                .then().statusCode(200).extract().jsonPath();
    }
}
