package hozon.policy.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import hozon.devdb.EmbeddedPostgresTestResource;
import hozon.devdb.JwtTestResource;
import hozon.security.Roles;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
@TestSecurity(user = "tester@example.jp", roles = {Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER, Roles.AUDITOR})
class PurgePlanResourceTest {

    private static void createRule(String category, String period, String effectiveFrom) {
        given().contentType(ContentType.JSON)
                .body("{\"category\":\"" + category + "\",\"period\":\"" + period + "\",\"effectiveFrom\":\""
                        + effectiveFrom + "\"}")
                .when().post("/api/v1/retention-rules").then().statusCode(201);
    }

    @Test
    void planUsesTheRuleVersionInForceAtAsOf() {
        // Far-future effective dates keep this test apart from rules other tests create "now".
        createRule("cp.account", "P3M", "2091-01-01T00:00:00+09:00");
        createRule("cp.account", "P6M", "2091-06-01T00:00:00+09:00");

        JsonPath march = given().queryParam("asOf", "2091-03-31T12:00:00+09:00")
                .when().get("/api/v1/purge-plan").then().statusCode(200)
                .body("digest", matchesPattern("[0-9a-f]{64}"))
                .extract().jsonPath();
        assertThat(march.getString("categories.find { it.category == 'cp.account' }.period")).isEqualTo("P3M");
        // Civil Code Arts. 140, 143(2): as of 31 March, the last day that has ended is 30 March; a
        // period counted from 31 December ends then. So every record up to 31 December 00:00 JST
        // (a period starting at midnight counts its first day) is due, one a microsecond later is not.
        assertThat(march.getString("categories.find { it.category == 'cp.account' }.cutoff"))
                .isEqualTo("2090-12-30T15:00:00.000001Z");

        JsonPath july = given().queryParam("asOf", "2091-07-01T00:00:00+09:00")
                .when().get("/api/v1/purge-plan").then().statusCode(200).extract().jsonPath();
        assertThat(july.getString("categories.find { it.category == 'cp.account' }.period")).isEqualTo("P6M");
    }

    @Test
    void categoryWithoutARuleIsListedApartAndGetsNoCutoff() {
        given().queryParam("asOf", "2000-01-01T00:00:00Z")
                .when().get("/api/v1/purge-plan").then().statusCode(200)
                .body("withoutRule", hasItem("ap.nat-port-block"))
                .body("categories.category", not(hasItem("ap.nat-port-block")));
    }

    @Test
    void aPlanKnownEarlierIgnoresRulesRecordedSinceSoAMistakeCanBeUndoneInTime() {
        java.time.Instant beforeChange = java.time.Instant.now();
        createRule("ap.nat-port-block", "P3M", "2080-01-01T00:00:00Z");
        given().queryParam("asOf", "2080-06-01T00:00:00Z").queryParam("knownAt", beforeChange.toString())
                .when().get("/api/v1/purge-plan").then().statusCode(200)
                .body("withoutRule", hasItem("ap.nat-port-block"));
        given().queryParam("asOf", "2080-06-01T00:00:00Z")
                .when().get("/api/v1/purge-plan").then().statusCode(200)
                .body("categories.category", hasItem("ap.nat-port-block"));
    }

    @Test
    void everyHoldChangeMovesTheHoldsRevision() {
        long before = given().when().get("/api/v1/holds/revision").then().statusCode(200).extract().jsonPath().getLong("revision");
        given().contentType(ContentType.JSON).body(HoldResourceTest.preservation(5,
                        "[{\"kind\":\"SUBSCRIBER\",\"value\":\"sub-rev\"}]"))
                .when().post("/api/v1/holds").then().statusCode(201);
        long after = given().when().get("/api/v1/purge-plan").then().statusCode(200).extract().jsonPath().getLong("holdsRevision");
        assertThat(after).isEqualTo(before + 1);
    }

    @Test
    void malformedAsOfIsRefused() {
        given().queryParam("asOf", "2026-03-01 10:00")
                .when().get("/api/v1/purge-plan").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("asOf"));
    }
}
