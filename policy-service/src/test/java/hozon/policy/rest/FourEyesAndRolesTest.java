package hozon.policy.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import hozon.devdb.EmbeddedPostgresTestResource;
import hozon.devdb.JwtTestResource;
import hozon.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real JWTs: who may do what on policy-service, and the four-eyes flows end to end. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class FourEyesAndRolesTest {

    private static final String ALICE = JwtTestResource.token("alice@example.jp", Roles.LEGAL_OFFICER);
    private static final String BOB = JwtTestResource.token("bob@example.jp", Roles.LEGAL_OFFICER);
    private static final String CAROL = JwtTestResource.token("carol@example.jp", Roles.POLICY_ADMIN);
    private static final String DAVE = JwtTestResource.token("dave@example.jp", Roles.POLICY_ADMIN);
    private static final String AUDITOR = JwtTestResource.token("erin@example.jp", Roles.AUDITOR);
    private static final String FEED = JwtTestResource.token("radius-1", Roles.FEED);
    private static final String PURGE = JwtTestResource.token("purge-service", Roles.SVC_PURGE);
    private static final String INGEST = JwtTestResource.token("ingest-service", Roles.SVC_INGEST);

    private static ValidatableResponse as(String token, String method, String path, String body) {
        var req = given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
        if (body != null) {
            req = req.body(body);
        }
        return req.when().request(method, path).then();
    }

    private static String hold(boolean confidential) {
        return "{\"type\":\"PRESERVATION_REQUEST\",\"days\":10,\"authority\":\"Prosecutors\",\"officer\":\"Sato\","
                + "\"documentRef\":\"R8-9\",\"requestDate\":\"2026-11-20\",\"windowFrom\":\"2026-09-01T00:00:00Z\","
                + "\"windowTo\":\"2026-10-01T00:00:00Z\",\"categories\":[\"cp.post\"],"
                + "\"selectors\":[{\"kind\":\"ACCOUNT\",\"value\":\"acct-secret\"}],\"confidential\":" + confidential + "}";
    }

    @Test
    void withoutATokenEverythingButHealthIsRefusedAndNothingChanges() {
        int before = as(AUDITOR, "GET", "/api/v1/audit?limit=1000", null).statusCode(200).extract().jsonPath()
                .getList("").size();
        given().contentType(ContentType.JSON).body("{\"category\":\"cp.post\",\"period\":\"P3M\"}")
                .when().post("/api/v1/retention-rules").then().statusCode(401)
                .contentType("application/problem+json").body("type", equalTo("urn:hozon:problem:unauthenticated"));
        given().header("Authorization", "Bearer not-a-token").when().get("/api/v1/categories").then().statusCode(401);
        given().when().get("/q/health/ready").then().statusCode(200);
        assertThat(as(AUDITOR, "GET", "/api/v1/audit?limit=1000", null).extract().jsonPath().getList("")).hasSize(before);
    }

    @Test
    void eachRoleReachesOnlyItsOwnOperations() {
        String rule = "{\"category\":\"cp.post\",\"period\":\"P4M\",\"effectiveFrom\":\"2099-01-01T00:00:00Z\"}";
        as(FEED, "POST", "/api/v1/retention-rules", rule).statusCode(403);
        as(ALICE, "POST", "/api/v1/retention-rules", rule).statusCode(403);
        as(CAROL, "POST", "/api/v1/retention-rules", rule).statusCode(201);
        as(CAROL, "POST", "/api/v1/holds", hold(false)).statusCode(403);
        as(AUDITOR, "POST", "/api/v1/holds", hold(false)).statusCode(403);
        as(ALICE, "POST", "/api/v1/holds", hold(false)).statusCode(201);
        as(INGEST, "GET", "/api/v1/purge-plan", null).statusCode(403);
        as(PURGE, "GET", "/api/v1/purge-plan", null).statusCode(200);
        as(PURGE, "POST", "/api/v1/holds", hold(false)).statusCode(403);
        as(INGEST, "POST", "/api/v1/holds", hold(false)).statusCode(403);
        as(INGEST, "GET", "/api/v1/holds/revision", null).statusCode(200);
        as(FEED, "GET", "/api/v1/holds", null).statusCode(403);
        as(CAROL, "GET", "/api/v1/audit", null).statusCode(403);
        as(AUDITOR, "GET", "/api/v1/audit", null).statusCode(200);
        as(AUDITOR, "GET", "/api/v1/security-audit", null).statusCode(200);
        as(ALICE, "GET", "/api/v1/security-audit", null).statusCode(403);
        as(INGEST, "POST", "/api/v1/case-decisions",
                "{\"caseId\":\"00000000-0000-0000-0000-000000000001\",\"lookup\":\"AP_ADDRESS\"}").statusCode(200)
                .body("allowed", equalTo(false));
        as(PURGE, "POST", "/api/v1/case-decisions",
                "{\"caseId\":\"00000000-0000-0000-0000-000000000001\",\"lookup\":\"AP_ADDRESS\"}").statusCode(403);
    }

    @Test
    void deniedRequestsAreInTheHashChainedSecurityAudit() {
        as(FEED, "POST", "/api/v1/holds", hold(false)).statusCode(403);
        // Audit entries are written just after the response.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                as(AUDITOR, "GET", "/api/v1/security-audit?limit=50", null).statusCode(200).extract().jsonPath()
                        .getList("findAll { it.principal == 'radius-1' && it.outcome == 'DENIED' }.action"))
                .contains("POST /api/v1/holds"));
        as(AUDITOR, "GET", "/api/v1/security-audit/verification", null).statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void confidentialHoldsAreShownInDetailOnlyToLegalOfficers() {
        String id = as(ALICE, "POST", "/api/v1/holds", hold(true)).statusCode(201).extract().path("id");
        as(BOB, "GET", "/api/v1/holds/" + id, null).statusCode(200).body("authority", equalTo("Prosecutors"));
        as(AUDITOR, "GET", "/api/v1/holds/" + id, null).statusCode(200)
                .body("confidential", equalTo(true)).body("status", equalTo("IN_FORCE"))
                .body("authority", nullValue()).body("selectors", org.hamcrest.Matchers.empty());
        as(AUDITOR, "GET", "/api/v1/holds?limit=1000", null).statusCode(200)
                .body("findAll { it.id == '" + id + "' }.documentRef", hasItem(nullValue()));
    }

    @Test
    void releasingAHoldNeedsASecondLegalOfficer() {
        String hold = as(ALICE, "POST", "/api/v1/holds", hold(false)).statusCode(201).extract().path("id");
        String approval = as(ALICE, "POST", "/api/v1/holds/" + hold + "/release",
                "{\"kind\":\"WITHDRAWN\",\"reason\":\"investigation closed\"}").statusCode(202).extract().path("id");
        as(ALICE, "POST", "/api/v1/approvals/" + approval + "/approve", "{}").statusCode(403)
                .body("type", equalTo("urn:hozon:problem:four-eyes"));
        as(CAROL, "POST", "/api/v1/approvals/" + approval + "/approve", "{}").statusCode(403);
        as(ALICE, "GET", "/api/v1/holds/" + hold, null).statusCode(200).body("status", equalTo("IN_FORCE"));
        as(PURGE, "GET", "/api/v1/purge-plan", null).statusCode(200).body("holds.holdId", hasItem(hold));

        as(BOB, "POST", "/api/v1/approvals/" + approval + "/approve", "{\"comment\":\"confirmed with the prosecutor\"}")
                .statusCode(200).body("status", equalTo("APPROVED")).body("decidedBy", equalTo("bob@example.jp"));
        as(ALICE, "GET", "/api/v1/holds/" + hold, null).statusCode(200).body("status", equalTo("WITHDRAWN"));
        as(PURGE, "GET", "/api/v1/purge-plan", null).statusCode(200).body("holds.holdId", not(hasItem(hold)));
        as(BOB, "POST", "/api/v1/approvals/" + approval + "/approve", "{}").statusCode(409);
        List<String> actions = as(AUDITOR, "GET", "/api/v1/audit?entityId=" + hold, null).extract().jsonPath().getList("action");
        assertThat(actions).contains("HOLD_PLACED", "HOLD_WITHDRAWN (requested by alice@example.jp)");
    }

    @Test
    void aRuleBeyondTheGuidelinesNormsIsNotInForceUntilASecondPolicyAdminApproves() {
        String rule = "{\"category\":\"ap.connection-auth\",\"period\":\"P9M\",\"justification\":\"year-round capacity"
                + " planning\",\"effectiveFrom\":\"2098-01-01T00:00:00Z\"}";
        String ruleId = as(CAROL, "POST", "/api/v1/retention-rules", rule).statusCode(201)
                .body("status", equalTo("PENDING_APPROVAL")).extract().path("id");
        as(PURGE, "GET", "/api/v1/purge-plan?asOf=2098-06-01T00:00:00Z", null).statusCode(200)
                .body("categories.ruleId", not(hasItem(ruleId)));
        String approval = as(CAROL, "GET", "/api/v1/approvals?status=PENDING", null).statusCode(200).extract().jsonPath()
                .getString("find { it.targetId == '" + ruleId + "' }.id");
        as(CAROL, "POST", "/api/v1/approvals/" + approval + "/approve", "{}").statusCode(403);
        as(DAVE, "POST", "/api/v1/approvals/" + approval + "/approve", "{}").statusCode(200);
        as(PURGE, "GET", "/api/v1/purge-plan?asOf=2098-06-01T00:00:00Z", null).statusCode(200)
                .body("categories.ruleId", hasItem(ruleId));
    }
}
