package hozon.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import hozon.devdb.EmbeddedPostgresTestResource;
import hozon.devdb.JwtTestResource;
import hozon.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OWASP API4: a principal over its rate gets 429 with Retry-After; others are not affected. */
@QuarkusTest
@TestProfile(RateLimitTest.TwoRequestsBurst.class)
@WithTestResource(EmbeddedPostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class RateLimitTest {

    public static class TwoRequestsBurst implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hozon.security.rate-limit.per-second", "0.5", "hozon.security.rate-limit.burst", "2");
        }
    }

    @Test
    void aPrincipalOverItsRateIsToldToRetryLater() {
        String greedy = "Bearer " + JwtTestResource.token("greedy-auditor", Roles.AUDITOR);
        given().header("Authorization", greedy).when().get("/api/v1/stats/daily-counts").then().statusCode(200);
        given().header("Authorization", greedy).when().get("/api/v1/stats/daily-counts").then().statusCode(200);
        given().header("Authorization", greedy).when().get("/api/v1/stats/daily-counts").then().statusCode(429)
                .header("Retry-After", "1")
                .contentType("application/problem+json")
                .body("type", equalTo("urn:hozon:problem:rate-limited"));
        given().header("Authorization", "Bearer " + JwtTestResource.token("other-auditor", Roles.AUDITOR))
                .when().get("/api/v1/stats/daily-counts").then().statusCode(200);
    }
}
