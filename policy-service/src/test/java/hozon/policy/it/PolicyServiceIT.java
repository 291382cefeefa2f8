package hozon.policy.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import hozon.devdb.EmbeddedPostgresTestResource;
import hozon.devdb.JwtTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * Black box over HTTP against the packaged artifact (the JVM fast-jar in every build, the native
 * binary with {@code -Dnative}): what an operator's smoke test after a deployment would check.
 */
@QuarkusIntegrationTest
@WithTestResource(EmbeddedPostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class PolicyServiceIT {

    private static final String ADMIN = JwtTestResource.token("carol@example.jp", "policy-admin");

    @Test
    void startsServesItsContractAndDecidesRetention() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths", notNullValue());
        given().header("Authorization", "Bearer " + ADMIN).when().get("/api/v1/categories").then().statusCode(200)
                .body("code", hasItem("ap.connection-auth"));
        given().header("Authorization", "Bearer " + ADMIN).contentType(ContentType.JSON)
                .body("{\"category\":\"cp.post\",\"period\":\"P6M\",\"effectiveFrom\":\"2099-01-01T00:00:00Z\"}")
                .when().post("/api/v1/retention-rules").then().statusCode(201).body("period", equalTo("P6M"));
        given().header("Authorization", "Bearer " + ADMIN).contentType(ContentType.JSON)
                .body("{\"category\":\"cp.post\",\"period\":\"P6M\",\"justification\":\"a\\u0000b\"}")
                .when().post("/api/v1/retention-rules").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("justification"));
        given().when().get("/api/v1/categories").then().statusCode(401);
        given().header("Authorization", "Bearer " + ADMIN).queryParam("asOf", "2099-07-01T00:00:00Z")
                .when().get("/api/v1/purge-plan").then().statusCode(403).body("type", containsString("forbidden"));
    }
}
