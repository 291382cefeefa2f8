package hozon.policy.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import hozon.devdb.EmbeddedPostgresTestResource;
import hozon.devdb.JwtTestResource;
import hozon.security.Roles;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
@TestSecurity(user = "tester@example.jp", roles = {Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER, Roles.AUDITOR})
class CaseResourceTest {

    private static ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    private static String newCase(String validFrom, String validTo) {
        return "{\"type\":\"DISCLOSURE_ORDER\",\"reference\":\"R8(発チ)100\",\"issuer\":\"Tokyo District Court\","
                + (validFrom == null ? "" : "\"validFrom\":\"" + validFrom + "\",") + "\"validTo\":\"" + validTo
                + "\",\"lookups\":[\"AP_ADDRESS\"],\"categories\":[\"ap.connection-auth\",\"ap.nat-port-block\"]"
                + "}";
    }

    private static ValidatableResponse decide(String caseId, String lookup, String category) {
        return post("/api/v1/case-decisions", "{\"caseId\":\"" + caseId + "\",\"lookup\":\"" + lookup
                + "\",\"category\":\"" + category + "\"}").statusCode(200);
    }

    @Test
    void aValidCaseAllowsOnlyWhatItsScopeNames() {
        String id = post("/api/v1/cases", newCase(null, Instant.now().plus(30, ChronoUnit.DAYS).toString()))
                .statusCode(201).extract().path("id");
        decide(id, "AP_ADDRESS", "ap.connection-auth").body("allowed", equalTo(true));
        decide(id, "CP_POST", "cp.post").body("allowed", equalTo(false)).body("reason", containsString("CP_POST"));
        decide(id, "AP_ADDRESS", "cp.login").body("allowed", equalTo(false)).body("reason", containsString("cp.login"));

        post("/api/v1/cases/" + id + "/close", "{\"reason\":\"case ended\"}").statusCode(200);
        decide(id, "AP_ADDRESS", "ap.connection-auth").body("allowed", equalTo(false))
                .body("reason", containsString("closed"));
        post("/api/v1/cases/" + id + "/close", "{\"reason\":\"again\"}").statusCode(409);
    }

    @Test
    void expiredAndUnknownCasesAreDenied() {
        String id = post("/api/v1/cases", newCase(Instant.now().minus(60, ChronoUnit.DAYS).toString(),
                Instant.now().minus(1, ChronoUnit.DAYS).toString())).statusCode(201).extract().path("id");
        decide(id, "AP_ADDRESS", "ap.connection-auth").body("allowed", equalTo(false))
                .body("reason", containsString("expired"));
        decide(UUID.randomUUID().toString(), "AP_ADDRESS", "ap.connection-auth").body("allowed", equalTo(false));
    }

    /**
     * Platform Act Art. 5(1)(iii): items of infringement-related communications (specified sender
     * information) go only to case types whose authority has found the extra conditions.
     */
    @Test
    void itemsOfInfringementRelatedCommunicationsFollowTheCaseType() {
        String validTo = Instant.now().plus(30, ChronoUnit.DAYS).toString();
        for (String[] t : new String[][] {{"DISCLOSURE_ORDER", "true"}, {"PROVISION_ORDER", "true"},
                {"WARRANT", "true"}, {"DISCLOSURE_REQUEST", "false"}, {"SERVICE_PROTECTION", "false"}}) {
            String id = post("/api/v1/cases", "{\"type\":\"" + t[0] + "\",\"reference\":\"R-" + t[0] + "\","
                    + "\"issuer\":\"Tokyo District Court\",\"description\":\"sender of a defamatory post\","
                    + "\"validTo\":\"" + validTo + "\",\"lookups\":[\"CP_POST\"],\"categories\":[\"cp.post\","
                    + "\"cp.login\"]}").statusCode(201).extract().path("id");
            decide(id, "CP_POST", "cp.login").body("allowed", equalTo(true)).body("caseType", equalTo(t[0]))
                    .body("relatedCommunications", equalTo(Boolean.parseBoolean(t[1])))
                    .body("relatedCommunicationsReason", t[1].equals("true") ? not(containsString("withheld"))
                            : containsString("withheld"));
            // A refused look-up says nothing about what its answer could have carried.
            decide(id, "AP_ADDRESS", "ap.connection-auth").body("allowed", equalTo(false))
                    .body("relatedCommunications", equalTo(null));
        }
    }

    @Test
    void invalidCasesAreRefused() {
        post("/api/v1/cases", newCase("2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z")).statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("validTo"));
        post("/api/v1/cases", "{\"type\":\"SERVICE_PROTECTION\",\"reference\":\"SP-1\",\"issuer\":\"Trust & Safety\","
                + "\"validTo\":\"2099-01-01T00:00:00Z\",\"lookups\":[\"CP_POST\"],\"categories\":[\"cp.post\"]"
                + "}").statusCode(400).body("errors[0].field", equalTo("description"));
        given().when().get("/api/v1/cases/" + UUID.randomUUID()).then().statusCode(404);
    }
}
