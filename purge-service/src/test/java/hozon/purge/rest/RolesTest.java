package hozon.purge.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import hozon.devdb.EmbeddedPostgresTestResource;
import hozon.devdb.JwtTestResource;
import hozon.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Real JWTs: who may do what on purge-service. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class RolesTest {

    private static int status(String token, String method, String path) {
        var req = given();
        if (token != null) {
            req = req.header("Authorization", "Bearer " + token);
        }
        return req.when().request(method, path).then().extract().statusCode();
    }

    @Test
    void onlyPurgeOperatorsTriggerRunsAndAuditorsReadTheEvidence() {
        String operator = JwtTestResource.token("op", Roles.PURGE_OPERATOR);
        String auditor = JwtTestResource.token("erin", Roles.AUDITOR);
        String legal = JwtTestResource.token("alice", Roles.LEGAL_OFFICER);
        String feed = JwtTestResource.token("radius-1", Roles.FEED);
        int runsBefore = given().header("Authorization", "Bearer " + auditor).when().get("/api/v1/purge-runs?limit=100")
                .then().extract().jsonPath().getList("").size();

        assertThat(status(null, "POST", "/api/v1/purge-runs")).isEqualTo(401);
        assertThat(status(auditor, "POST", "/api/v1/purge-runs")).isEqualTo(403);
        assertThat(status(legal, "POST", "/api/v1/purge-runs")).isEqualTo(403);
        assertThat(status(feed, "POST", "/api/v1/purge-runs/preview")).isEqualTo(403);
        assertThat(given().header("Authorization", "Bearer " + auditor).when().get("/api/v1/purge-runs?limit=100")
                .then().extract().jsonPath().getList("")).hasSize(runsBefore);
        assertThat(status(operator, "POST", "/api/v1/purge-runs")).isEqualTo(201);

        assertThat(status(feed, "GET", "/api/v1/ledger/verification")).isEqualTo(403);
        assertThat(status(auditor, "GET", "/api/v1/ledger/verification")).isEqualTo(200);
        assertThat(status(legal, "GET", "/api/v1/compliance")).isEqualTo(403);
        assertThat(status(operator, "GET", "/api/v1/security-audit")).isEqualTo(403);
        assertThat(status(auditor, "GET", "/api/v1/security-audit")).isEqualTo(200);
    }
}
