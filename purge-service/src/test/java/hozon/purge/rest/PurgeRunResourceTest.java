package hozon.purge.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import hozon.devdb.EmbeddedPostgresTestResource;
import hozon.devdb.JwtTestResource;
import hozon.security.Roles;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(FakeIngestService.class)
@TestSecurity(user = "tester@example.jp", roles = {Roles.PURGE_OPERATOR, Roles.AUDITOR})
class PurgeRunResourceTest {

    @Test
    void purgeDeletesNothingWhenPolicyServiceIsDownAndTheRunSaysWhy() {
        String location = given().when().post("/api/v1/purge-runs")
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("outcome", equalTo("FAILED"))
                // In words: refused at the door, or not asked while the breaker other runs opened is open.
                .body("failureReason", org.hamcrest.Matchers.matchesPattern("policy-service (unreachable \\(connection"
                        + " refused\\)|not asked: its circuit breaker is open after repeated failures); nothing deleted"))
                .body("rowsRemoved", equalTo(0))
                .extract().header("Location");
        given().when().get(location).then().statusCode(200)
                .body("outcome", equalTo("FAILED"))
                .body("trigger", equalTo("MANUAL"))
                .body("planDigest", nullValue());
        String id = location.substring(location.lastIndexOf('/') + 1);
        given().when().get("/api/v1/purge-runs").then().statusCode(200).body("id", hasItem(id));
        // ingest-service is up and would delete: it was never asked to.
        org.assertj.core.api.Assertions.assertThat(FakeIngestService.EXECUTIONS.get()).isZero();
    }

    @Test
    void unknownRunIs404AndBadLimitIs400() {
        given().when().get("/api/v1/purge-runs/6f1c1e4e-0000-4000-8000-000000000000")
                .then().statusCode(404).contentType("application/problem+json");
        given().queryParam("limit", 0).when().get("/api/v1/purge-runs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"));
    }
}
