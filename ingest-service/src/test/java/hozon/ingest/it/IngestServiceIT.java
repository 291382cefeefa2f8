package hozon.ingest.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import hozon.devdb.EmbeddedPostgresTestResource;
import hozon.devdb.JwtTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Black box over HTTP against the packaged artifact (the JVM fast-jar in every build, the native
 * binary with {@code -Dnative}), with policy-service unreachable: it starts, serves its contract,
 * refuses bad input precisely, and refuses a look-up whose legal basis it cannot confirm.
 */
@QuarkusIntegrationTest
@WithTestResource(EmbeddedPostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(IngestServiceIT.NoPolicyService.class)
class IngestServiceIT {

    private static final String FEED = JwtTestResource.token("radius-1", "feed");
    private static final String OFFICER = JwtTestResource.token("alice@example.jp", "legal-officer");

    /** policy-service at an address where nothing listens. */
    public static class NoPolicyService implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("quarkus.rest-client.policy.url", "http://127.0.0.1:1");
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void startsServesItsContractAndFailsClosedWithoutPolicyService() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).body("paths", notNullValue());
        given().header("Authorization", "Bearer " + FEED).contentType(ContentType.JSON)
                .body("{\"records\":[{\"subscriberId\":\"sub\\u0000x\",\"sessionId\":\"s\",\"assignedAddress\":\"100.64.0.1\","
                        + "\"start\":\"2026-11-30T00:00:00Z\"}]}")
                .when().post("/api/v1/ap/sessions").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("records[0].subscriberId"));
        given().header("Authorization", "Bearer " + OFFICER).contentType(ContentType.JSON)
                .body("{\"caseId\":\"" + UUID.randomUUID() + "\",\"ip\":\"100.64.0.1\",\"instant\":\"2026-11-30T01:00:00Z\"}")
                .when().post("/api/v1/lookups/ap").then().statusCode(503)
                .body("type", equalTo("urn:hozon:problem:legal-basis-unverifiable"));
    }
}
