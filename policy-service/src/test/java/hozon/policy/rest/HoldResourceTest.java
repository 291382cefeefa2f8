package hozon.policy.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import hozon.devdb.EmbeddedPostgresTestResource;
import hozon.devdb.JwtTestResource;
import hozon.security.Roles;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
@TestSecurity(user = "tester@example.jp", roles = {Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER, Roles.AUDITOR})
class HoldResourceTest {

    private static final String WINDOW = "\"windowFrom\":\"2026-09-01T00:00:00+09:00\",\"windowTo\":\"2026-10-01T00:00:00+09:00\"";

    static String preservation(int days, String selectors) {
        return "{\"type\":\"PRESERVATION_REQUEST\",\"days\":" + days + ",\"authority\":\"Tokyo District Public Prosecutors"
                + " Office\",\"officer\":\"Prosecutor Sato\",\"documentRef\":\"R8-123\",\"requestDate\":\"2026-11-20\","
                + WINDOW + ",\"categories\":[\"ap.connection-auth\"],\"selectors\":" + selectors
                + ",\"confidential\":true}";
    }

    private static final String IP_SELECTOR = "[{\"kind\":\"IP\",\"value\":\"203.0.113.7\",\"portStart\":1024,\"portEnd\":2047}]";

    private static ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    private static int holdCount() {
        return given().queryParam("limit", 1000).when().get("/api/v1/holds").then().statusCode(200)
                .extract().jsonPath().getList("id").size();
    }

    @Test
    void preservationRequestRunsThirtyDaysExtendsToSixtyAndNoFurther() {
        String location = post("/api/v1/holds", preservation(30, IP_SELECTOR)).statusCode(201)
                .body("status", equalTo("IN_FORCE"))
                .body("grantedDays", equalTo(30))
                .body("confidential", equalTo(true))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        post("/api/v1/holds/" + id + "/extensions", "{\"days\":30,\"documentRef\":\"R8-123-2\"}")
                .statusCode(200).body("grantedDays", equalTo(60)).body("extensions.size()", equalTo(1));
        post("/api/v1/holds/" + id + "/extensions", "{\"days\":5,\"documentRef\":\"R8-123-3\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:hozon:problem:preservation-limit"))
                .body("rule", equalTo("CCP Art. 197(4)"))
                .body("detail", equalTo("CCP Art. 197(4): preservation may not exceed 60 days in total (requested 65)"))
                .body("requestedDays", equalTo(65));
        given().when().get(location).then().statusCode(200).body("grantedDays", equalTo(60));
    }

    @Test
    void aFirstRequestOfMoreThanThirtyDaysIsRefusedAndNothingIsStored() {
        int before = holdCount();
        post("/api/v1/holds", preservation(31, IP_SELECTOR)).statusCode(400)
                .body("type", equalTo("urn:hozon:problem:preservation-limit"))
                .body("rule", equalTo("CCP Art. 197(3)"));
        assertThat(holdCount()).isEqualTo(before);
    }

    @Test
    void blanketHoldsAreRefused() {
        post("/api/v1/holds", preservation(10, "[]")).statusCode(400)
                .body("type", equalTo("urn:hozon:problem:blanket-hold"))
                .body("errors.field", hasItem("selectors"));
        post("/api/v1/holds", preservation(10, "[{\"kind\":\"IP\",\"value\":\"10.0.0.0/8\"}]")).statusCode(400)
                .body("type", equalTo("urn:hozon:problem:blanket-hold"));
        String wide = preservation(10, IP_SELECTOR).replace("2026-09-01T00:00:00+09:00", "2020-01-01T00:00:00+09:00");
        post("/api/v1/holds", wide).statusCode(400).body("type", equalTo("urn:hozon:problem:blanket-hold"))
                .body("limitDays", equalTo(366));
        String backwards = preservation(10, IP_SELECTOR).replace("2026-09-01T00:00:00+09:00", "2026-12-01T00:00:00+09:00");
        post("/api/v1/holds", backwards).statusCode(400).body("type", equalTo("urn:hozon:problem:invalid-window"));
        String unknown = preservation(10, IP_SELECTOR).replace("ap.connection-auth", "cp.direct-messages");
        post("/api/v1/holds", unknown).statusCode(400).body("type", equalTo("urn:hozon:problem:unknown-category"));
    }

    @Test
    void eachTypeNeedsItsStatutoryFields() {
        post("/api/v1/holds", "{\"type\":\"DELETION_PROHIBITION_ORDER\",\"court\":\"Tokyo District Court\","
                + "\"caseNumber\":\"R8(ワ)1\"," + WINDOW + ",\"categories\":[\"cp.post\"],"
                + "\"selectors\":[{\"kind\":\"POST\",\"value\":\"post-1\"}]}")
                .statusCode(400).body("errors.field", hasItem("reviewDate"));
        post("/api/v1/holds", "{\"type\":\"OTHER_STATUTE\",\"statute\":\"Act X\"," + WINDOW
                + ",\"categories\":[\"cp.post\"],\"selectors\":[{\"kind\":\"POST\",\"value\":\"post-1\"}]}")
                .statusCode(400).body("errors.field", hasItem("article")).body("errors.field", hasItem("endsAt"));
        String review = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(45).toString();
        post("/api/v1/holds", "{\"type\":\"EMERGENCY_PRESERVATION\",\"reason\":\"threat\",\"reviewDate\":\"" + review + "\","
                + WINDOW + ",\"categories\":[\"cp.post\"],\"selectors\":[{\"kind\":\"POST\",\"value\":\"post-1\"}]"
                + "}")
                .statusCode(400).body("errors.field", hasItem("reviewDate"));
        post("/api/v1/holds", "{\"type\":\"DELETION_PROHIBITION_ORDER\",\"court\":\"Tokyo District Court\","
                + "\"caseNumber\":\"R8(ワ)1\",\"reviewDate\":\"" + review + "\"," + WINDOW + ",\"categories\":[\"cp.post\"],"
                + "\"selectors\":[{\"kind\":\"POST\",\"value\":\"post-1\"}]}")
                .statusCode(201).body("endsAt", equalTo(null)).body("status", equalTo("IN_FORCE"));
    }

    @Test
    void aReleaseRequestChangesNothingUntilApprovedAndEveryChangeIsAudited() {
        String id = post("/api/v1/holds", preservation(20, IP_SELECTOR)).statusCode(201).extract().path("id");
        post("/api/v1/holds/" + id + "/release", "{\"kind\":\"WITHDRAWN\",\"reason\":\"no longer needed\"}")
                .statusCode(202).body("status", equalTo("PENDING")).body("kind", equalTo("HOLD_RELEASE"));
        given().when().get("/api/v1/holds/" + id).then().statusCode(200).body("status", equalTo("IN_FORCE"));
        given().when().get("/api/v1/purge-plan").then().statusCode(200).body("holds.holdId", hasItem(id));
        post("/api/v1/holds/" + id + "/release", "{\"kind\":\"RELEASED\",\"reason\":\"again\"}")
                .statusCode(409).body("type", equalTo("urn:hozon:problem:approval-pending"));
        List<String> actions = given().queryParam("entityId", id).when().get("/api/v1/audit").then().statusCode(200)
                .extract().jsonPath().getList("action");
        assertThat(actions).containsExactly("HOLD_PLACED");
    }

    /** Issue #11: the audit trail refers to the hold for a subscriber it names, never copies the identity. */
    @Test
    void theAuditTrailRefersToTheHoldInsteadOfCopyingTheSubscriber() {
        String subscriber = "sub-audit-" + java.util.UUID.randomUUID();
        String id = post("/api/v1/holds", preservation(10, "[{\"kind\":\"SUBSCRIBER\",\"value\":\"" + subscriber
                + "\"},{\"kind\":\"IP\",\"value\":\"203.0.113.9\"}]")).statusCode(201).extract().path("id");
        given().when().get("/api/v1/holds/" + id).then().statusCode(200)
                .body("selectors.find { it.kind == 'SUBSCRIBER' }.value", equalTo(subscriber));
        String trail = given().queryParam("entityId", id).when().get("/api/v1/audit").then().statusCode(200)
                .extract().asString();
        assertThat(trail).doesNotContain(subscriber).contains("(see hold " + id + ", selector 1)").contains("203.0.113.9");
    }

    @Test
    void holdStartsNowByDefaultAndLastsUntilItsLastDayEndsInJst() {
        Instant t0 = Instant.now();
        String id = post("/api/v1/holds", preservation(7, IP_SELECTOR)).statusCode(201).extract().path("id");
        given().queryParam("inForce", true).when().get("/api/v1/holds").then().statusCode(200).body("id", hasItem(id));
        JsonPath hold = given().when().get("/api/v1/holds/" + id).then().statusCode(200).extract().jsonPath();
        String starts = hold.getString("startsAt");
        String ends = hold.getString("endsAt");
        // CCP Art. 55(1): the first day is not counted; the period ends at 00:00 JST after its 7th day.
        ZoneId jst = ZoneId.of("Asia/Tokyo");
        assertThat(Instant.parse(ends))
                .isEqualTo(LocalDate.ofInstant(Instant.parse(starts), jst).plusDays(8).atStartOfDay(jst).toInstant());
        assertThat(Instant.parse(starts)).isBetween(t0.minusSeconds(5), t0.plusSeconds(60));
    }
}
