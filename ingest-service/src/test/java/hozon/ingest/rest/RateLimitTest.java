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

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource ds;

    @Test
    void aFeedOverItsRateGets429AndThatBatchIsNotStored() {
        String feed = "Bearer " + JwtTestResource.token("greedy-feed", Roles.FEED);
        String sub = "sub-" + java.util.UUID.randomUUID();
        java.time.Instant t = java.time.Instant.now().minus(1, java.time.temporal.ChronoUnit.DAYS)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (int i = 0; i < 3; i++) {
            var response = given().header("Authorization", feed).contentType("application/json")
                    .body("{\"records\":[{\"subscriberId\":\"" + sub + "\",\"sessionId\":\"s" + i + "\",\"assignedAddress\":"
                            + "\"100.64.60." + i + "\",\"start\":\"" + t + "\"}]}")
                    .when().post("/api/v1/ap/sessions").then();
            if (i < 2) {
                response.statusCode(200);
            } else {
                response.statusCode(429).header("Retry-After", "1").contentType("application/problem+json");
            }
        }
        org.assertj.core.api.Assertions.assertThat(DbProbe.count(ds,
                "select count(*) from ingest.ap_session where subscriber_id = ?", sub)).isEqualTo(2);
    }
}
