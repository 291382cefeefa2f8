package hozon.suite;

import static hozon.suite.SuiteClient.monthsAgo;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Deletion fails safe across the real services: a hold placed while a run is in flight wins,
 * and kill -9 of either service mid-run leaves a state the next run completes, with ledger
 * counts equal to what actually went. purge-service pauses 4 s between recording its plan and
 * executing it, so that the tests can act inside a run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PurgeSafetyTest {

    private static Suite suite;
    private static SuiteClient client;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = SuiteFixture.start("safety", Map.of("HOZON_PURGE_PAUSE_BEFORE_EXECUTION", "PT4S"));
        client = new SuiteClient(suite);
        client.createRule("ap.connection-auth", "P6M");
    }

    @AfterAll
    static void stopSuite() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }

    private static CompletableFuture<JsonPath> purgeInBackground() {
        return CompletableFuture.supplyAsync(client::purge);
    }

    private static String awaitRunInFlight() {
        String[] id = new String[1];
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> (id[0] = client.runningWithPlan()) != null);
        return id[0];
    }

    @Test
    @Order(1)
    void aHoldPlacedWhileARunIsInFlightWins() throws Exception {
        Instant old = monthsAgo(8);
        client.ingestSession("sub-suspect", old);

        CompletableFuture<JsonPath> run = purgeInBackground();
        awaitRunInFlight();
        String hold = client.placePreservation("sub-suspect", old.minus(1, ChronoUnit.DAYS), old.plus(1, ChronoUnit.DAYS));

        JsonPath stopped = run.get();
        assertThat(stopped.getString("outcome")).isEqualTo("FAILED");
        assertThat(stopped.getString("failureReason")).contains("holds changed since the plan");
        assertThat(client.sessionsOnDayOf(old)).isEqualTo(1);

        JsonPath next = client.purge();
        assertThat(next.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(next.getList("holdsHonoured")).contains(hold);
        assertThat(client.sessionsOnDayOf(old)).as("kept by the hold").isEqualTo(1);
        client.withdraw(hold);
        assertThat(client.purge().getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(client.sessionsOnDayOf(old)).isZero();
    }

    @Test
    @Order(2)
    void killingPurgeServiceMidRunLeavesARunTheNextOneClosesAndCompletes() throws Exception {
        Instant old = monthsAgo(10);
        client.ingestSession("sub-a", old);
        client.ingestSession("sub-b", old.plus(2, ChronoUnit.HOURS));

        CompletableFuture<JsonPath> run = purgeInBackground();
        String interrupted = awaitRunInFlight();
        suite.killService(ServiceName.PURGE);
        assertThat(run.handle((r, e) -> e)).isNotNull();
        suite.startService(ServiceName.PURGE);

        JsonPath next = client.purge();
        assertThat(next.getString("outcome")).isEqualTo("SUCCEEDED");
        JsonPath closed = client.run(interrupted);
        assertThat(closed.getString("outcome")).isEqualTo("FAILED");
        assertThat(closed.getString("failureReason")).startsWith("interrupted");
        assertThat(closed.getLong("rowsRemoved")).isZero();
        assertThat(client.sessionsOnDayOf(old)).isZero();
        assertThat(next.getLong("categories.find { it.category == 'ap.connection-auth' }.rowsDeleted")).isEqualTo(2);
        assertThat(client.ledgerVerification().getBoolean("valid")).isTrue();
    }

    @Test
    @Order(3)
    void killingIngestServiceMidRunDeletesNothingUnloggedAndTheNextRunCompletes() throws Exception {
        Instant old = monthsAgo(11);
        client.ingestSession("sub-c", old);

        CompletableFuture<JsonPath> run = purgeInBackground();
        String failedId = awaitRunInFlight();
        suite.killService(ServiceName.INGEST);
        JsonPath failed = run.get();
        assertThat(failed.getString("id")).isEqualTo(failedId);
        assertThat(failed.getString("outcome")).isEqualTo("FAILED");
        assertThat(failed.getString("failureReason")).startsWith("ingest-service did not execute the plan");
        suite.startService(ServiceName.INGEST);

        assertThat(client.sessionsOnDayOf(old)).isEqualTo(1);
        JsonPath next = client.purge();
        assertThat(next.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(client.sessionsOnDayOf(old)).isZero();

        // The ledger's counts add up to what went: three expired sessions in this suite so far, plus this one.
        List<Map<String, Object>> entries = client.as("auditor").queryParam("limit", 1000)
                .when().get(suite.url(ServiceName.PURGE) + "/api/v1/ledger").then().statusCode(200)
                .extract().jsonPath().getList("");
        long removed = 0;
        for (Map<String, Object> e : entries) {
            JsonPath entry = JsonPath.from((String) e.get("entry"));
            Number n = entry.get("categories.find { it.category == 'ap.connection-auth' }.rowsRemoved");
            removed += n == null ? 0 : n.longValue();
        }
        assertThat(removed).isEqualTo(4);
        assertThat(client.ledgerVerification().getBoolean("valid")).isTrue();
    }
}
