package hozon.purge.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import hozon.devdb.EmbeddedPostgresTestResource;
import hozon.devdb.JwtTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Black box over HTTP against the packaged artifact (the JVM fast-jar in every build, the native
 * binary with {@code -Dnative}), with both peers unreachable: a run fails closed and says why.
 */
@QuarkusIntegrationTest
@WithTestResource(EmbeddedPostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(PurgeServiceIT.NoPeers.class)
class PurgeServiceIT {

    private static final String OPERATOR = JwtTestResource.token("oscar@example.jp", "purge-operator", "auditor");

    /** policy-service and ingest-service at an address where nothing listens; no scheduled runs or metric refreshes. */
    public static class NoPeers implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("quarkus.rest-client.policy.url", "http://127.0.0.1:1", "quarkus.rest-client.ingest.url",
                    "http://127.0.0.1:1", "hozon.purge.interval", "off", "hozon.purge.metrics.interval", "off");
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void startsServesItsContractAndDeletesNothingWithoutAPlan() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).body("paths", notNullValue());
        given().header("Authorization", "Bearer " + OPERATOR).when().post("/api/v1/purge-runs").then().statusCode(201)
                .body("outcome", equalTo("FAILED"))
                .body("failureReason", equalTo("policy-service unreachable (connection refused); nothing deleted"))
                .body("rowsRemoved", equalTo(0));
        given().header("Authorization", "Bearer " + OPERATOR).when().get("/api/v1/ledger/verification").then()
                .statusCode(200).body("valid", equalTo(true));
    }
}
