package hozon.policy.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

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
class PurposeAchievementResourceTest {

    @Test
    void anAchievementReachesThePlanForUntilPurposeAchievedRulesWithTheCapStillApplied() {
        // Far-future effective date keeps this rule apart from the other tests' rules.
        given().contentType(ContentType.JSON).body("{\"category\":\"ap.nat-port-block\",\"mode\":\"UNTIL_PURPOSE_ACHIEVED\","
                        + "\"period\":\"P6M\",\"purposes\":[\"FRAUD_PREVENTION\"],\"effectiveFrom\":\"2095-01-01T00:00:00Z\""
                        + "}")
                .when().post("/api/v1/retention-rules").then().statusCode(201)
                .body("mode", equalTo("UNTIL_PURPOSE_ACHIEVED"))
                .body("findings.code", hasItem("UNTIL_PURPOSE_ACHIEVED"));
        // AP categories are selected by subscriber.
        given().contentType(ContentType.JSON).body("{\"category\":\"ap.nat-port-block\",\"selectorKind\":\"ACCOUNT\","
                        + "\"selectorValue\":\"acct-1\",\"reason\":\"x\"}")
                .when().post("/api/v1/purpose-achievements").then().statusCode(400)
                .body("errors[0].field", equalTo("selectorKind"));
        given().contentType(ContentType.JSON).body("{\"category\":\"ap.nat-port-block\",\"selectorKind\":\"SUBSCRIBER\","
                        + "\"selectorValue\":\"sub-settled\",\"achievedAt\":\"2026-11-01T00:00:00Z\",\"reason\":\"invoice settled\""
                        + "}")
                .when().post("/api/v1/purpose-achievements").then().statusCode(201);

        // As of 2095-03, the cap cutoff is 2094-09: the 2026 achievement no longer matters (its records are past the cap).
        JsonPath plan = given().queryParam("asOf", "2095-03-01T00:00:00Z").when().get("/api/v1/purge-plan")
                .then().statusCode(200).extract().jsonPath();
        assertThat(plan.getString("categories.find { it.category == 'ap.nat-port-block' }.mode"))
                .isEqualTo("UNTIL_PURPOSE_ACHIEVED");
        assertThat(plan.getList("purposeAchievements.findAll { it.selectorValue == 'sub-settled' }")).isEmpty();
    }

    @Test
    void aRecentAchievementIsCarriedByTodaysPlan() {
        String yesterday = java.time.Instant.now().minus(java.time.Duration.ofDays(1)).toString();
        given().contentType(ContentType.JSON).body("{\"category\":\"cp.account\",\"mode\":\"UNTIL_PURPOSE_ACHIEVED\","
                        + "\"period\":\"P6M\",\"effectiveFrom\":\"" + yesterday + "\"}")
                .when().post("/api/v1/retention-rules").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"category\":\"cp.account\",\"selectorKind\":\"ACCOUNT\","
                        + "\"selectorValue\":\"acct-closed\",\"reason\":\"account closed, disputes settled\"}")
                .when().post("/api/v1/purpose-achievements").then().statusCode(201)
                .body("selectorValue", org.hamcrest.Matchers.nullValue());
        given().when().get("/api/v1/purge-plan").then().statusCode(200)
                .body("purposeAchievements.find { it.selectorValue == 'acct-closed' }.category", equalTo("cp.account"));
    }

    @Test
    void aPurposeCannotBeAchievedInTheFuture() {
        given().contentType(ContentType.JSON).body("{\"category\":\"cp.login\",\"selectorKind\":\"ACCOUNT\","
                        + "\"selectorValue\":\"acct-1\",\"achievedAt\":\"2099-01-01T00:00:00Z\",\"reason\":\"x\"}")
                .when().post("/api/v1/purpose-achievements").then().statusCode(400)
                .body("type", equalTo("urn:hozon:problem:invalid-time"));
    }

    @Test
    void anAchievementForACategoryWithoutAPurposeBoundRuleIsRefusedAndNotStored() {
        String lastWeek = java.time.Instant.now().minus(java.time.Duration.ofDays(7)).toString();
        given().contentType(ContentType.JSON).body("{\"category\":\"cp.post\",\"period\":\"P6M\",\"effectiveFrom\":\""
                        + lastWeek + "\"}")
                .when().post("/api/v1/retention-rules").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"category\":\"cp.post\",\"selectorKind\":\"ACCOUNT\","
                        + "\"selectorValue\":\"acct-period-only\",\"reason\":\"account closed\"}")
                .when().post("/api/v1/purpose-achievements").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:hozon:problem:not-purpose-bound"))
                .body("detail", org.hamcrest.Matchers.containsString("PERIOD P6M"));
        given().when().get("/api/v1/purge-plan").then().statusCode(200)
                .body("purposeAchievements.findAll { it.selectorValue == 'acct-period-only' }",
                        org.hamcrest.Matchers.empty());
        given().queryParam("limit", 1000).when().get("/api/v1/audit").then().statusCode(200)
                .body("findAll { it.action == 'PURPOSE_ACHIEVED' && it.after.contains('account closed') }",
                        org.hamcrest.Matchers.empty());
    }
}
