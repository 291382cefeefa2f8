package hozon.policy.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import hozon.devdb.EmbeddedPostgresTestResource;
import hozon.devdb.JwtTestResource;
import hozon.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CCP Art. 197(5): a confidential preservation request is read in detail by legal officers
 * only. Every GET operation the OpenAPI document lists, with every role, after the hold was
 * placed, extended and its release asked for and approved with a comment: nobody else ever
 * sees the authority, officer, document, selector, reason or comment — but everybody allowed to
 * list holds sees that it exists, its type, status and dates.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class ConfidentialHoldTest {

    private static final String ALICE = JwtTestResource.token("alice@example.jp", Roles.LEGAL_OFFICER);
    private static final String BOB = JwtTestResource.token("bob@example.jp", Roles.LEGAL_OFFICER);

    /** Every role a person holds; service identities are checked separately below. */
    private static final Map<String, String> OTHERS = Map.of(
            Roles.POLICY_ADMIN, JwtTestResource.token("carol@example.jp", Roles.POLICY_ADMIN),
            Roles.AUDITOR, JwtTestResource.token("erin@example.jp", Roles.AUDITOR),
            Roles.PURGE_OPERATOR, JwtTestResource.token("oscar@example.jp", Roles.PURGE_OPERATOR),
            Roles.FEED, JwtTestResource.token("radius-1", Roles.FEED),
            Roles.SVC_INGEST, JwtTestResource.token("ingest-service", Roles.SVC_INGEST));

    private static final List<String> SECRETS = List.of("Kobe District Public Prosecutors Office", "Prosecutor Nishimura",
            "R8-秘-4411", "acct-confidential-7731", "EXT-秘-19", "the suspect was arrested", "prosecutor confirmed by phone");

    private static Response get(String token, String path) {
        return given().header("Authorization", "Bearer " + token).when().get(path);
    }

    @Test
    void aConfidentialHoldsDetailsReachLegalOfficersOnlyInEveryView() {
        String hold = given().header("Authorization", "Bearer " + ALICE).contentType(ContentType.JSON)
                .body("{\"type\":\"PRESERVATION_REQUEST\",\"days\":20,\"authority\":\"" + SECRETS.get(0) + "\",\"officer\":\""
                        + SECRETS.get(1) + "\",\"documentRef\":\"" + SECRETS.get(2) + "\",\"requestDate\":\"2026-11-20\","
                        + "\"windowFrom\":\"2026-09-01T00:00:00Z\",\"windowTo\":\"2026-10-01T00:00:00Z\","
                        + "\"categories\":[\"cp.post\"],\"selectors\":[{\"kind\":\"ACCOUNT\",\"value\":\"" + SECRETS.get(3)
                        + "\"}],\"confidential\":true}")
                .when().post("/api/v1/holds").then().statusCode(201).extract().path("id");
        given().header("Authorization", "Bearer " + ALICE).contentType(ContentType.JSON)
                .body("{\"days\":10,\"documentRef\":\"" + SECRETS.get(4) + "\"}")
                .when().post("/api/v1/holds/" + hold + "/extensions").then().statusCode(200);
        String approval = given().header("Authorization", "Bearer " + ALICE).contentType(ContentType.JSON)
                .body("{\"kind\":\"WITHDRAWN\",\"reason\":\"" + SECRETS.get(5) + "\"}")
                .when().post("/api/v1/holds/" + hold + "/release").then().statusCode(202).extract().path("id");
        given().header("Authorization", "Bearer " + BOB).contentType(ContentType.JSON)
                .body("{\"comment\":\"" + SECRETS.get(6) + "\"}")
                .when().post("/api/v1/approvals/" + approval + "/approve").then().statusCode(200);

        List<String> paths = readPaths(hold, approval);
        assertThat(paths).contains("/api/v1/holds/" + hold, "/api/v1/audit", "/api/v1/approvals");

        // Legal officers see the details (so the secrets really are in the data the others are shown);
        // the audit trail is the auditors' view, read in detail by an auditor who is also a legal officer.
        String both = JwtTestResource.token("frank@example.jp", Roles.AUDITOR, Roles.LEGAL_OFFICER);
        String officerView = get(both, "/api/v1/audit?entityId=" + hold).then().statusCode(200).extract().asString();
        // The trail refers to the hold for the account it names, never copies it (issue #11).
        assertThat(officerView).contains(SECRETS.get(0), SECRETS.get(4), "(see hold " + hold + ", selector 1)")
                .doesNotContain(SECRETS.get(3));
        assertThat(get(ALICE, "/api/v1/holds/" + hold).asString()).contains(SECRETS.get(1), SECRETS.get(2),
                SECRETS.get(3));
        assertThat(get(ALICE, "/api/v1/approvals").asString()).contains(SECRETS.get(6));

        List<String> leaks = new ArrayList<>();
        int readable = 0;
        for (Map.Entry<String, String> role : OTHERS.entrySet()) {
            for (String path : paths) {
                Response r = get(role.getValue(), path);
                if (r.statusCode() == 200) {
                    readable++;
                }
                for (String secret : SECRETS) {
                    if (r.asString().contains(secret)) {
                        leaks.add(role.getKey() + " GET " + path + " shows '" + secret + "'");
                    }
                }
            }
        }
        assertThat(leaks).isEmpty();
        assertThat(readable).as("the walk reached views that others may read").isGreaterThan(10);

        // What the others do see: that it exists, its type, status and dates.
        JsonPath seen = get(OTHERS.get(Roles.AUDITOR), "/api/v1/holds/" + hold).then().statusCode(200).extract().jsonPath();
        assertThat(seen.getString("type")).isEqualTo("PRESERVATION_REQUEST");
        assertThat(seen.getString("status")).isEqualTo("WITHDRAWN");
        assertThat(seen.getString("startsAt")).isNotNull();
        assertThat(seen.getString("endsAt")).isNotNull();
        assertThat(seen.getInt("grantedDays")).isEqualTo(30);
        assertThat(seen.getBoolean("confidential")).isTrue();
        JsonPath trail = get(OTHERS.get(Roles.AUDITOR), "/api/v1/audit?entityId=" + hold).then().statusCode(200)
                .extract().jsonPath();
        assertThat(trail.getList("action")).contains("HOLD_PLACED", "HOLD_EXTENDED");
        assertThat(JsonPath.from(trail.getString("find { it.action == 'HOLD_PLACED' }.after")).getString("type"))
                .isEqualTo("PRESERVATION_REQUEST");
    }

    /** Every GET operation of the served OpenAPI document, with path parameters filled in. */
    private static List<String> readPaths(String hold, String approval) {
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> p : paths.entrySet()) {
            if (!p.getValue().containsKey("get")) {
                continue;
            }
            String path = p.getKey();
            if (path.contains("{id}") && path.startsWith("/api/v1/holds")) {
                out.add(path.replace("{id}", hold));
            } else if (path.contains("{id}")) {
                out.add(path.replace("{id}", approval));
            } else if (path.contains("{")) {
                out.add(path.replaceAll("\\{[^}]+}", "cp.post"));
            } else {
                out.add(path);
                out.add(path + "?entityId=" + hold);
            }
        }
        return out;
    }
}
