package hozon.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import hozon.devdb.EmbeddedPostgresTestResource;
import hozon.devdb.JwtTestResource;
import hozon.security.Roles;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The security audit is written in group commits (issue #19) and still answers for every write:
 * when a write is answered its entry is already committed, and concurrent writers leave one
 * unbroken hash chain.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class SecurityAuditGroupCommitTest {

    @Inject
    AgroalDataSource ds;

    @Test
    void everyAnsweredWriteIsAlreadyAuditedAndConcurrentWritersLeaveOneUnbrokenChain() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Long>> answers = new ArrayList<>();
        for (int i = 0; i < 96; i++) {
            String who = "feed-" + run + "-" + i;
            String batch = "{\"records\":[{\"kind\":\"LOGIN\",\"eventId\":\"" + who + "\",\"accountId\":\"acct-" + who
                    + "\",\"occurredAt\":\"" + Instant.now().minusSeconds(60) + "\"}]}";
            answers.add(pool.submit(() -> {
                given().header("Authorization", "Bearer " + JwtTestResource.token(who, Roles.FEED))
                        .contentType(ContentType.JSON).body(batch).when().post("/api/v1/cp/events").then().statusCode(200);
                // Right after the answer, before anything else happens: the entry is there.
                return DbProbe.count(ds, "select count(*) from ingest.security_audit where principal = ?"
                        + " and action = 'POST /api/v1/cp/events' and outcome = 'OK'", who);
            }));
        }
        for (Future<Long> a : answers) {
            assertThat(a.get()).isEqualTo(1);
        }
        pool.shutdown();
        given().header("Authorization", "Bearer " + JwtTestResource.token("erin", Roles.AUDITOR))
                .when().get("/api/v1/security-audit/verification").then().statusCode(200)
                .body("valid", org.hamcrest.Matchers.equalTo(true));
    }
}
