package hozon.ingest.crypto;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import hozon.devdb.EmbeddedPostgresTestResource;
import hozon.devdb.JwtTestResource;
import hozon.ingest.rest.DbProbe;
import hozon.security.Roles;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #11, failure rule: without its key store ingest-service stores nothing — a 503 with the
 * reason, never a plain-text fallback — and the sender (a NAS for RADIUS) retries.
 */
@QuarkusTest
@TestProfile(KeyStoreDownTest.KeyStoreUnreachable.class)
@WithTestResource(EmbeddedPostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
@TestSecurity(user = "feed@example.jp", roles = {Roles.FEED})
class KeyStoreDownTest {

    /** The key store's database is a closed port. */
    public static class KeyStoreUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.keys.jdbc.url", "jdbc:postgresql://127.0.0.1:1/nowhere",
                    "quarkus.flyway.keys.migrate-at-start", "false",
                    "quarkus.datasource.keys.jdbc.acquisition-timeout", "2S");
        }
    }

    @Inject
    AgroalDataSource ds;

    @Test
    void withoutItsKeyStoreNothingIsStoredAndTheSenderIsToldToRetry() {
        Instant t = Instant.now().minus(1, ChronoUnit.HOURS);
        given().contentType(ContentType.JSON)
                .body("{\"records\":[{\"subscriberId\":\"sub-ks\",\"sessionId\":\"ks-1\",\"assignedAddress\":\"100.64.77.7\","
                        + "\"start\":\"" + t + "\"}]}")
                .when().post("/api/v1/ap/sessions")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("urn:hozon:problem:key-store-unavailable"))
                .body("incident", notNullValue());
        given().contentType(ContentType.JSON)
                .body("{\"Acct-Status-Type\":\"Start\",\"NAS-Identifier\":\"bras-ks\",\"Acct-Session-Id\":\"ks-2\","
                        + "\"User-Name\":\"sub-ks\",\"Framed-IP-Address\":\"100.64.77.8\"}")
                .when().post("/api/v1/radius/accounting")
                .then().statusCode(503);
        assertThat(DbProbe.string(ds, "select count(*) from ingest.ap_session where assigned_ip <<= '100.64.77.0/24'"))
                .isEqualTo("0");
    }
}
