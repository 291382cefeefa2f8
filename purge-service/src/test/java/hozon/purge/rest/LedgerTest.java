package hozon.purge.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import hozon.devdb.EmbeddedPostgresTestResource;
import hozon.devdb.JwtTestResource;
import hozon.security.Roles;
import io.quarkus.test.security.TestSecurity;
import hozon.security.HashChain;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
@TestSecurity(user = "tester@example.jp", roles = {Roles.PURGE_OPERATOR, Roles.AUDITOR})
class LedgerTest {

    @Inject
    AgroalDataSource ds;

    private static String runOnce() {
        return given().when().post("/api/v1/purge-runs").then().statusCode(201).extract().path("id");
    }

    @Test
    void everyRunLeavesAReceiptWhoseHashAnyoneCanRecompute() {
        String id = runOnce();
        JsonPath receipt = given().when().get("/api/v1/purge-runs/" + id + "/receipt").then().statusCode(200)
                .body("runId", equalTo(id))
                .body("entryJson.outcome", equalTo("FAILED"))
                .extract().jsonPath();
        assertThat(HashChain.link(receipt.getString("prevHash"), receipt.getString("entry")))
                .isEqualTo(receipt.getString("hash"));
        given().when().get("/api/v1/ledger/verification").then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void theLedgerRefusesUpdatesAndATamperedEntryIsFoundByVerification() throws SQLException {
        runOnce();
        String id = runOnce();
        runOnce();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update purge.ledger_entry set entry = entry where run_id = '" + id + "'"))
                    .hasMessageContaining("append-only");
        }
        long seq = given().when().get("/api/v1/purge-runs/" + id + "/receipt").then().extract().jsonPath().getLong("seq");
        String original;
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // Someone with the database owner's rights goes around the trigger and edits an entry.
            s.execute("alter table purge.ledger_entry disable trigger ledger_no_update");
            try (var rs = s.executeQuery("select entry from purge.ledger_entry where seq = " + seq)) {
                rs.next();
                original = rs.getString(1);
            }
            try (PreparedStatement ps = c.prepareStatement("update purge.ledger_entry set entry = ? where seq = ?")) {
                ps.setString(1, original.replace("\"FAILED\"", "\"SUCCEEDED\""));
                ps.setLong(2, seq);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }
        try {
            given().when().get("/api/v1/ledger/verification").then().statusCode(200)
                    .body("valid", equalTo(false))
                    .body("firstBrokenSeq", equalTo((int) seq));
        } finally {
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "update purge.ledger_entry set entry = ? where seq = ?"); Statement s = c.createStatement()) {
                ps.setString(1, original);
                ps.setLong(2, seq);
                ps.executeUpdate();
                s.execute("alter table purge.ledger_entry enable trigger ledger_no_update");
            }
        }
        given().when().get("/api/v1/ledger/verification").then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void dryRunAndComplianceSayWhyTheyCannotAnswerWhenPolicyIsDown() {
        given().when().post("/api/v1/purge-runs/preview").then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:hozon:problem:policy-unavailable"));
        given().when().get("/api/v1/compliance").then().statusCode(503)
                .body("type", equalTo("urn:hozon:problem:policy-unavailable"));
    }
}
