package hozon.suite;

import static hozon.suite.SuiteClient.monthsAgo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.awaitility.Awaitility;
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

    private static Suite suite;
    private static SuiteClient client;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = SuiteFixture.start("lifecycle");
        client = new SuiteClient(suite);
        client.createRule("ap.connection-auth", "P6M");
    }

    @AfterAll
    static void stopSuite() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    @Order(1)
    void purgeRemovesSessionsOlderThanSixMonthsAndKeepsRecentOnes() {
        Instant old = monthsAgo(8);
        Instant recent = monthsAgo(1);
        client.ingestSession("sub-old", old);
        client.ingestSession("sub-recent", recent);
        assertThat(client.sessionsOnDayOf(old)).isEqualTo(1);

        JsonPath run = client.purge();

        assertThat(run.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(run.getString("planDigest")).matches("[0-9a-f]{64}");
        assertThat(run.getInt("categories.find { it.category == 'ap.connection-auth' }.rowsDeleted")).isEqualTo(1);
        assertThat(run.getInt("categories.find { it.category == 'ap.connection-auth' }.ruleVersion")).isEqualTo(1);
        assertThat(client.sessionsOnDayOf(old)).isZero();
        assertThat(client.sessionsOnDayOf(recent)).isEqualTo(1);
        assertThat(client.run(run.getString("id")).getLong("rowsRemoved")).isEqualTo(1);
    }

    @Test
    @Order(2)
    void purgeFailsClosedWhilePolicyServiceIsStoppedAndCompletesOnceItIsBack() throws Exception {
        Instant old = monthsAgo(9);
        client.ingestSession("sub-old-2", old);

        suite.stopService(ServiceName.POLICY);
        try {
            JsonPath failed = client.purge();
            assertThat(failed.getString("outcome")).isEqualTo("FAILED");
            // In words, never a Java class name: refused while it is down, or not asked while its breaker is open.
            assertThat(failed.getString("failureReason")).startsWith("policy-service ").endsWith("; nothing deleted")
                    .doesNotContainPattern("[A-Z][a-z]+Exception");
            assertThat(failed.getLong("rowsRemoved")).isZero();
            assertThat(client.sessionsOnDayOf(old)).isEqualTo(1);
        } finally {
            suite.startService(ServiceName.POLICY);
        }

        // The circuit breaker may still be open for a moment after policy-service is back.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                .until(() -> "SUCCEEDED".equals(client.purge().getString("outcome")));
        assertThat(client.sessionsOnDayOf(old)).isZero();
        client.as("auditor").when().get(suite.url(ServiceName.PURGE) + "/api/v1/purge-runs")
                .then().statusCode(200).body("[0].outcome", equalTo("SUCCEEDED"))
                .body("find { it.outcome == 'FAILED' }.failureReason", startsWith("policy-service "));
    }

    @Test
    @Order(3)
    void heldSessionSurvivesItsExpiryAndGoesOnTheFirstRunAfterTheHoldEnds() {
        Instant old = monthsAgo(7);
        client.ingestSession("sub-under-investigation", old);
        client.ingestSession("sub-neighbour", old.plus(1, ChronoUnit.HOURS));
        String holdId = client.placePreservation("sub-under-investigation", old.minus(1, ChronoUnit.DAYS),
                old.plus(1, ChronoUnit.DAYS));

        JsonPath held = client.purge();
        assertThat(held.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(held.getList("holdsHonoured")).contains(holdId);
        assertThat(held.getInt("categories.find { it.category == 'ap.connection-auth' }.rowsHeld")).isEqualTo(1);
        assertThat(client.sessionsOnDayOf(old)).as("only the held session is left").isEqualTo(1);

        client.withdraw(holdId);

        JsonPath after = client.purge();
        assertThat(after.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(after.getList("holdsHonoured")).doesNotContain(holdId);
        assertThat(after.getInt("categories.find { it.category == 'ap.connection-auth' }.rowsReleased")).isEqualTo(1);
        assertThat(client.sessionsOnDayOf(old)).isZero();
        assertThat(client.ledgerVerification().getBoolean("valid")).isTrue();
    }

    @Test
    @Order(4)
    void readBackAfterPurgeFindsNothingExpired() {
        JsonPath compliance = client.as("auditor").when().get(suite.url(ServiceName.PURGE) + "/api/v1/compliance")
                .then().statusCode(200).extract().jsonPath();
        assertThat(compliance.getLong("categories.find { it.category == 'ap.connection-auth' }.recordsOverdue")).isZero();
        assertThat(compliance.getLong("purgeLagSeconds")).isZero();
        assertThat(compliance.getString("lastSuccessfulRunId")).isNotNull();
        JsonPath preview = client.as("purge-operator").when().post(suite.url(ServiceName.PURGE) + "/api/v1/purge-runs/preview")
                .then().statusCode(200).extract().jsonPath();
        assertThat(preview.getLong("categories.find { it.category == 'ap.connection-auth' }.rowsDue")).isZero();
    }

    /**
     * A session without a public address, on the day the cutoff falls in (deleted row by row,
     * not dropped), is deleted on time while an unrelated address hold is in force: a NULL
     * public address must not make the hold condition unknown and keep the row.
     */
    @Test
    @Order(5)
    void anUnheldSessionWithoutAPublicAddressIsDeletedOnTheCutoffDayWhileAnAddressHoldIsInForce() {
        JsonPath preview = client.as("purge-operator").when().post(suite.url(ServiceName.PURGE) + "/api/v1/purge-runs/preview")
                .then().statusCode(200).extract().jsonPath();
        Instant cutoff = Instant.parse(preview.getString("categories.find { it.category == 'ap.connection-auth' }.appliedCutoff"));
        Instant due = cutoff.minus(3, ChronoUnit.HOURS);
        assertThat(due.truncatedTo(ChronoUnit.DAYS)).as("same UTC day partition as the cutoff")
                .isEqualTo(cutoff.truncatedTo(ChronoUnit.DAYS));
        client.ingestSession("sub-no-public-address", due);
        String hold = client.as("alice", "legal-officer").contentType(io.restassured.http.ContentType.JSON)
                .body("{\"type\":\"PRESERVATION_REQUEST\",\"days\":30,\"authority\":\"Tokyo District Public Prosecutors"
                        + " Office\",\"officer\":\"Prosecutor Sato\",\"documentRef\":\"R8-保-91\",\"requestDate\":\""
                        + java.time.LocalDate.now(SuiteClient.JST) + "\",\"windowFrom\":\"" + due.minus(1, ChronoUnit.DAYS)
                        + "\",\"windowTo\":\"" + due.plus(1, ChronoUnit.DAYS) + "\",\"categories\":[\"ap.connection-auth\"],"
                        + "\"selectors\":[{\"kind\":\"IP\",\"value\":\"192.0.2.77\",\"portStart\":1024,\"portEnd\":2047}]}")
                .when().post(suite.url(ServiceName.POLICY) + "/api/v1/holds")
                .then().statusCode(201).extract().path("id");

        JsonPath run = client.purge();

        assertThat(run.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(run.getList("holdsHonoured")).contains(hold);
        assertThat(run.getInt("categories.find { it.category == 'ap.connection-auth' }.rowsDeleted")).isEqualTo(1);
        assertThat(run.getInt("categories.find { it.category == 'ap.connection-auth' }.rowsHeld")).isZero();
        assertThat(client.sessionsOnDayOf(due)).isZero();
        client.withdraw(hold);
    }
}
