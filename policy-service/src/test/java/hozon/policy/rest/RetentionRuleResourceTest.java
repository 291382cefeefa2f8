package hozon.policy.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import hozon.devdb.EmbeddedPostgresTestResource;
import hozon.devdb.JwtTestResource;
import hozon.security.Roles;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
@TestSecurity(user = "tester@example.jp", roles = {Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER, Roles.AUDITOR})
class RetentionRuleResourceTest {

    private static String rule(String category, String period) {
        return "{\"category\":\"" + category + "\",\"period\":\"" + period
                + "\",\"justification\":\"test\"}";
    }

    @Test
    void creatingARuleAnswers201WithLocationAndTheNextVersion() {
        String location = given().contentType(ContentType.JSON).body(rule("cp.login", "P3M"))
                .when().post("/api/v1/retention-rules")
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("category", equalTo("cp.login"))
                .body("period", equalTo("P3M"))
                .extract().header("Location");
        int first = given().when().get(location).then().statusCode(200).extract().path("version");

        int second = given().contentType(ContentType.JSON).body(rule("cp.login", "P4M"))
                .when().post("/api/v1/retention-rules")
                .then().statusCode(201).extract().path("version");
        assertThat(second).isEqualTo(first + 1);

        given().queryParam("category", "cp.login").when().get("/api/v1/retention-rules")
                .then().statusCode(200).body("period", hasItem("P3M")).body("period", hasItem("P4M"));
    }

    @Test
    void invalidPeriodIsRefusedAsProblemJson() {
        given().contentType(ContentType.JSON).body(rule("cp.login", "PT6H"))
                .when().post("/api/v1/retention-rules")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:hozon:problem:invalid-period"))
                .body("errors[0].field", equalTo("period"));
    }

    @Test
    void unknownCategoryIsRefused() {
        given().contentType(ContentType.JSON).body(rule("cp.private-messages", "P3M"))
                .when().post("/api/v1/retention-rules")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:hozon:problem:unknown-category"));
    }

    @Test
    void missingPeriodAndUnknownFieldsAreRefused() {
        given().contentType(ContentType.JSON).body("{\"category\":\"cp.login\"}")
                .when().post("/api/v1/retention-rules")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:hozon:problem:validation"))
                .body("errors.field", hasItem(endsWith("period")));
        given().contentType(ContentType.JSON)
                .body("{\"category\":\"cp.login\",\"period\":\"P3M\",\"priority\":1}")
                .when().post("/api/v1/retention-rules")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:hozon:problem:unknown-field"));
    }

    @Test
    void theAuthorIsTheAuthenticatedPrincipal() {
        given().contentType(ContentType.JSON).body("{\"category\":\"cp.login\",\"period\":\"P5M\"}")
                .when().post("/api/v1/retention-rules")
                .then().statusCode(201).body("author", equalTo("tester@example.jp")).body("status", equalTo("ACTIVE"));
    }

    @Test
    void apRuleBeyondSixMonthsWithoutJustificationIsRefusedCitingTheGuideline() {
        given().contentType(ContentType.JSON)
                .body("{\"category\":\"ap.connection-auth\",\"period\":\"P9M\"}")
                .when().post("/api/v1/retention-rules")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:hozon:problem:guideline-refusal"))
                .body("rule", equalTo("Guideline Art. 38"))
                .body("periodMonths", equalTo(9.0f));
        given().contentType(ContentType.JSON)
                .body("{\"category\":\"ap.connection-auth\",\"period\":\"P2Y\",\"justification\":\"x\"}")
                .when().post("/api/v1/retention-rules")
                .then().statusCode(400).body("type", equalTo("urn:hozon:problem:guideline-refusal"));
    }

    @Test
    void findingsAreReturnedOnCreateAndOnRead() {
        String location = given().contentType(ContentType.JSON)
                .body("{\"category\":\"cp.post\",\"period\":\"P60D\",\"effectiveFrom\":\"2090-01-01T00:00:00Z\"}")
                .when().post("/api/v1/retention-rules")
                .then().statusCode(201)
                .body("findings[0].code", equalTo("BELOW_DESIRABLE_MINIMUM"))
                .body("findings[0].severity", equalTo("WARNING"))
                .extract().header("Location");
        given().when().get(location).then().statusCode(200).body("findings[0].code", equalTo("BELOW_DESIRABLE_MINIMUM"));
    }

    @Test
    void purposesOutsideTheCategoryAreRefused() {
        given().contentType(ContentType.JSON)
                .body("{\"category\":\"cp.login\",\"period\":\"P3M\",\"purposes\":[\"BILLING\"]}")
                .when().post("/api/v1/retention-rules")
                .then().statusCode(400).body("type", equalTo("urn:hozon:problem:purpose-not-allowed"));
    }

    @Test
    void unknownRuleIs404ProblemJson() {
        given().when().get("/api/v1/retention-rules/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:hozon:problem:not-found"));
    }

    @Test
    void builtInCategoriesCarryTheirPurposes() {
        given().when().get("/api/v1/categories")
                .then().statusCode(200)
                .body("code", hasItem("ap.connection-auth"))
                .body("code", hasItem("ap.nat-port-block"))
                .body("code", hasItem("cp.post"));
        given().when().get("/api/v1/categories/ap.connection-auth")
                .then().statusCode(200)
                .body("actor", equalTo("AP"))
                .body("purposes.code", hasItem("BILLING"));
        given().when().get("/api/v1/categories/nope")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
