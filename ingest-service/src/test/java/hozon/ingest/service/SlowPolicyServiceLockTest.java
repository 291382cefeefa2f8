package hozon.ingest.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import hozon.devdb.EmbeddedPostgresTestResource;
import hozon.devdb.JwtTestResource;
import hozon.ingest.rest.DbProbe;
import hozon.security.Roles;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * policy-service answering the holds check only after 5 s: the deleting step does not wait for
 * it with the day's table locked. The bounded call gives up, the step is rolled back, nothing is
 * deleted, and the run says why. How long the ACCESS EXCLUSIVE lock was held is printed (a
 * number for the benchmark notes, not an assertion).
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(SlowPolicyService.class)
@TestSecurity(user = "tester@example.jp", roles = {Roles.FEED, Roles.SVC_PURGE})
class SlowPolicyServiceLockTest {

    @Inject
    AgroalDataSource ds;

    @Test
    void aSlowHoldsCheckFailsTheStepClosedInsteadOfHoldingTheLock() throws Exception {
        String account = "acct-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body("{\"records\":[{\"kind\":\"LOGIN\",\"eventId\":\"slow-1\",\"accountId\":\""
                        + account + "\",\"ip\":\"198.51.100.7\",\"sourcePort\":40000,\"occurredAt\":\"2018-05-01T10:00:00Z\"}]}")
                .when().post("/api/v1/cp/events").then().statusCode(200);

        // Three rounds (the circuit breaker opens after four failures): the watchdog thread of
        // each timeout must never leave the deletion committed. Before the gateways suspended the
        // caller's transaction, one CI run in a few lost the row here.
        long tookMillis = 0;
        AtomicLong firstSeen = new AtomicLong();
        AtomicLong lastSeen = new AtomicLong();
        for (int round = 0; round < 3; round++) {
            AtomicBoolean watching = new AtomicBoolean(true);
            firstSeen.set(0);
            lastSeen.set(0);
            Thread watcher = new Thread(() -> watchLock("cp_login_event_p20180501", watching, firstSeen, lastSeen));
            watcher.start();
            String order = "{\"runId\":\"" + UUID.randomUUID() + "\",\"planDigest\":\"test\",\"holdsRevision\":0,\"asOf\":\""
                    + Instant.now() + "\",\"cutoffs\":[{\"category\":\"cp.login\",\"cutoff\":\"2018-05-02T00:00:00Z\"}]}";
            long started = System.nanoTime();
            given().contentType(ContentType.JSON).body(order).when().post("/internal/v1/purge-executions")
                    .then().statusCode(200)
                    .body("completed", equalTo(false))
                    .body("abortReason", containsString("policy-service did not answer in time"))
                    .body("abortReason", containsString("nothing more was deleted"));
            tookMillis = (System.nanoTime() - started) / 1_000_000;
            watching.set(false);
            watcher.join();
            assertThat(count("select count(*) from ingest.cp_login_event where account_id = ?", account))
                    .as("round %d", round).isEqualTo(1);
        }

        assertThat(SlowPolicyService.ASKED.get()).isPositive();
        assertThat(count("select count(*) from ingest.cp_login_event where account_id = ?", account)).isEqualTo(1);
        assertThat(count("select count(*) from pg_class where relname = 'cp_login_event_p20180501'")).isEqualTo(1);
        long heldMillis = firstSeen.get() == 0 ? 0 : (lastSeen.get() - firstSeen.get()) / 1_000_000;
        System.out.printf("[lock-hold] policy-service answering in %d ms: purge step took %d ms, ACCESS EXCLUSIVE lock on"
                + " the day partition seen for %d ms%n", SlowPolicyService.DELAY_MILLIS, tookMillis, heldMillis);
    }

    private void watchLock(String relation, AtomicBoolean watching, AtomicLong firstSeen, AtomicLong lastSeen) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("select count(*) from pg_locks l"
                + " join pg_class r on r.oid = l.relation where r.relname = ? and l.mode = 'AccessExclusiveLock'"
                + " and l.granted")) {
            ps.setString(1, relation);
            while (watching.get()) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        long now = System.nanoTime();
                        firstSeen.compareAndSet(0, now);
                        lastSeen.set(now);
                    }
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql, Object... params) {
        return DbProbe.count(ds, sql, params);
    }
}
