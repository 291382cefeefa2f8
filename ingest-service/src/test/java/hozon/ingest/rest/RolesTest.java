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
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Real JWTs: who may do what on ingest-service; refusals change nothing. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class RolesTest {

    @Inject
    AgroalDataSource ds;

    private static int status(String token, String method, String path, String body) {
        var req = given().contentType(ContentType.JSON);
        if (token != null) {
            req = req.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            req = req.body(body);
        }
        return req.when().request(method, path).then().extract().statusCode();
    }

    @Test
    void onlyFeedsIngestOnlyPurgeServiceExecutesAndRefusalsStoreNothing() {
        String account = "acct-" + UUID.randomUUID();
        String batch = "{\"records\":[{\"kind\":\"LOGIN\",\"eventId\":\"e\",\"accountId\":\"" + account
                + "\",\"occurredAt\":\"" + Instant.now().minusSeconds(60) + "\"}]}";
        String order = "{\"runId\":\"" + UUID.randomUUID() + "\",\"planDigest\":\"x\",\"holdsRevision\":0,\"asOf\":\""
                + Instant.now() + "\",\"cutoffs\":[{\"category\":\"cp.login\",\"cutoff\":\"2000-01-01T00:00:00Z\"}]}";
        String feed = JwtTestResource.token("radius-1", Roles.FEED);
        String auditor = JwtTestResource.token("erin", Roles.AUDITOR);
        String purge = JwtTestResource.token("purge-service", Roles.SVC_PURGE);
        String operator = JwtTestResource.token("op", Roles.PURGE_OPERATOR);
        String policy = JwtTestResource.token("ingest-service", Roles.SVC_INGEST);

        assertThat(status(null, "POST", "/api/v1/cp/events", batch)).isEqualTo(401);
        assertThat(status(auditor, "POST", "/api/v1/cp/events", batch)).isEqualTo(403);
        assertThat(status(purge, "POST", "/api/v1/cp/events", batch)).isEqualTo(403);
        assertThat(DbProbe.count(ds, "select count(*) from ingest.cp_login_event where account_id = ?", account)).isZero();
        assertThat(status(feed, "POST", "/api/v1/cp/events", batch)).isEqualTo(200);

        assertThat(status(feed, "POST", "/internal/v1/purge-executions", order)).isEqualTo(403);
        assertThat(status(operator, "POST", "/internal/v1/purge-executions", order)).isEqualTo(403);
        assertThat(status(policy, "POST", "/internal/v1/purge-previews", order)).isEqualTo(403);
        assertThat(status(purge, "POST", "/internal/v1/purge-previews", order)).isEqualTo(200);

        assertThat(status(feed, "GET", "/api/v1/stats/daily-counts", null)).isEqualTo(403);
        assertThat(status(auditor, "GET", "/api/v1/stats/daily-counts", null)).isEqualTo(200);
        assertThat(status(operator, "GET", "/api/v1/security-audit", null)).isEqualTo(403);
        assertThat(status(auditor, "GET", "/api/v1/security-audit", null)).isEqualTo(200);
        assertThat(status(null, "GET", "/q/health/live", null)).isEqualTo(200);
    }
}
