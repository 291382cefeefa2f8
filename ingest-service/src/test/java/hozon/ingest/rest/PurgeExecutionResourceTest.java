package hozon.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import hozon.devdb.EmbeddedPostgresTestResource;
import hozon.devdb.JwtTestResource;
import hozon.security.Roles;
import io.quarkus.test.security.TestSecurity;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
@TestSecurity(user = "tester@example.jp", roles = {Roles.FEED, Roles.SVC_PURGE, Roles.AUDITOR})
class PurgeExecutionResourceTest {

    @Inject
    AgroalDataSource ds;

    private static String login(String account, String eventId, String at) {
        return "{\"kind\":\"LOGIN\",\"eventId\":\"" + eventId + "\",\"accountId\":\"" + account
                + "\",\"ip\":\"198.51.100.7\",\"sourcePort\":40000,\"occurredAt\":\"" + at + "\"}";
    }

    private static String order(Instant asOf, String category, String cutoff) {
        return "{\"runId\":\"" + UUID.randomUUID() + "\",\"planDigest\":\"test\",\"holdsRevision\":0,\"asOf\":\"" + asOf
                + "\",\"cutoffs\":[{\"category\":\"" + category + "\",\"cutoff\":\"" + cutoff + "\"}]}";
    }

    /** The hourly stored volumes (what a drop and the daily counts rely on) equal the rows really stored. */
    private void assertVolumesMatchRows() {
        for (String[] t : new String[][] {{"ap.connection-auth", "ap_session", "started_at"},
                {"cp.account", "cp_account_event", "occurred_at"}, {"cp.login", "cp_login_event", "occurred_at"},
                {"cp.post", "cp_post", "occurred_at"}}) {
            long rows = DbProbe.count(ds, "select (select count(*) from ingest." + t[1] + ") + (select count(*) from ingest."
                    + t[1] + "_preserved)");
            long volume = DbProbe.count(ds, "select coalesce(sum(records), 0) from ingest.stored_volume where category = ?",
                    t[0]);
            assertThat(volume).as(t[0]).isEqualTo(rows);
        }
    }

    @Test
    void dropsWholeDaysBeforeTheCutoffAndDeletesTheEarlierPartOfItsDay() {
        String acct = "acct-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body("{\"records\":["
                        + login(acct, "a", "2019-03-01T10:00:00Z") + ","
                        + login(acct, "b", "2019-03-02T10:00:00Z") + ","
                        + login(acct, "c", "2019-03-03T09:59:59.999Z") + ","
                        + login(acct, "d", "2019-03-03T10:00:00Z") + ","
                        + login(acct, "e", "2019-03-04T10:00:00Z") + "]}")
                .when().post("/api/v1/cp/events").then().statusCode(200).body("stored", equalTo(5));

        given().contentType(ContentType.JSON).body(order(Instant.now(), "cp.login", "2019-03-03T10:00:00Z"))
                .when().post("/internal/v1/purge-executions")
                .then().statusCode(200)
                .body("categories[0].partitionsDropped", hasItems("cp_login_event_p20190301", "cp_login_event_p20190302"))
                .body("categories[0].partitionsDropped", not(hasItem("cp_login_event_p20190303")))
                .body("categories[0].rowsDeleted", equalTo(1));

        assertThat(DbProbe.count(ds, "select count(*) from ingest.cp_login_event where account_id = ?", acct)).isEqualTo(2);
        assertThat(DbProbe.count(ds, "select count(*) from pg_class where relname = 'cp_login_event_p20190301'")).isZero();

        assertVolumesMatchRows();
        // The same plan again removes nothing more.
        given().contentType(ContentType.JSON).body(order(Instant.now(), "cp.login", "2019-03-03T10:00:00Z"))
                .when().post("/internal/v1/purge-executions")
                .then().statusCode(200)
                .body("categories[0].partitionsDropped", not(hasItem("cp_login_event_p20190301")))
                .body("categories[0].rowsDeleted", equalTo(0));
    }

    @Test
    void openAndLongSessionsLeaveTheLookUpIndexWithTheirRows() {
        String nas = "nas-" + UUID.randomUUID();
        String session = "{\"subscriberId\":\"sub-1\",\"nasId\":\"" + nas + "\",\"assignedAddress\":\"100.64.44.";
        given().contentType(ContentType.JSON).body("{\"records\":["
                        + session + "1\",\"sessionId\":\"open-dropped\",\"start\":\"2018-05-01T10:00:00Z\"},"
                        + session + "2\",\"sessionId\":\"long-dropped\",\"start\":\"2018-05-01T11:00:00Z\","
                        + "\"end\":\"2018-05-04T11:00:00Z\"},"
                        + session + "3\",\"sessionId\":\"open-deleted\",\"start\":\"2018-05-02T10:00:00Z\"},"
                        + session + "4\",\"sessionId\":\"open-kept\",\"start\":\"2018-05-02T13:00:00Z\"},"
                        + session + "5\",\"sessionId\":\"short-kept\",\"start\":\"2018-05-02T14:00:00Z\","
                        + "\"end\":\"2018-05-02T15:00:00Z\"}]}")
                .when().post("/api/v1/ap/sessions").then().statusCode(200).body("stored", equalTo(5));
        String longIds = "select string_agg(session_id, ',' order by session_id) from ingest.ap_session_long where nas_id = ?";
        assertThat(DbProbe.string(ds, longIds, nas)).isEqualTo("long-dropped,open-deleted,open-dropped,open-kept");

        given().contentType(ContentType.JSON).body(order(Instant.now(), "ap.connection-auth", "2018-05-02T12:00:00Z"))
                .when().post("/internal/v1/purge-executions")
                .then().statusCode(200)
                .body("categories[0].partitionsDropped", hasItem("ap_session_p20180501"))
                .body("categories[0].rowsDeleted", equalTo(1));

        assertThat(DbProbe.string(ds, longIds, nas)).isEqualTo("open-kept");
        assertVolumesMatchRows();
    }

    /**
     * The V16 pointers (issue #22: sessions by public address, posts by id) live exactly as long
     * as their rows: written with them, their end mirrored, gone with a dropped day, a deleted
     * row or a released preserved one, kept with a preserved row while its hold lasts.
     */
    @Test
    void routingPointersLiveAndDieWithTheirRows() {
        String nas = "nas-" + UUID.randomUUID();
        String s = "{\"subscriberId\":\"sub-p\",\"nasId\":\"" + nas + "\",\"publicPortStart\":1024,\"publicPortEnd\":2047,";
        String sessions = "{\"records\":["
                + s + "\"sessionId\":\"dropped\",\"assignedAddress\":\"100.64.45.1\",\"publicIp\":\"203.0.113.201\","
                + "\"start\":\"2018-06-01T10:00:00Z\",\"end\":\"2018-06-01T11:00:00Z\"},"
                + s + "\"sessionId\":\"held\",\"assignedAddress\":\"100.64.45.2\",\"publicIp\":\"203.0.113.202\","
                + "\"start\":\"2018-06-01T10:00:00Z\"},"
                + s + "\"sessionId\":\"deleted\",\"assignedAddress\":\"100.64.45.3\",\"publicIp\":\"203.0.113.203\","
                + "\"start\":\"2018-06-02T09:00:00Z\",\"end\":\"2018-06-02T09:30:00Z\"},"
                + s + "\"sessionId\":\"kept\",\"assignedAddress\":\"100.64.45.4\",\"publicIp\":\"203.0.113.204\","
                + "\"start\":\"2018-06-02T13:00:00Z\"},"
                + "{\"subscriberId\":\"sub-p\",\"nasId\":\"" + nas + "\",\"sessionId\":\"no-public\","
                + "\"assignedAddress\":\"100.64.45.5\",\"start\":\"2018-06-01T10:00:00Z\"}]}";
        given().contentType(ContentType.JSON).body(sessions).when().post("/api/v1/ap/sessions").then().statusCode(200)
                .body("stored", equalTo(5));
        String pointers = "select string_agg(session_id || ':' || coalesce(ended_at::text, 'open'), ','"
                + " order by session_id) from ingest.ap_session_public where nas_id = ?";
        assertThat(DbProbe.string(ds, pointers, nas)).isEqualTo("deleted:2018-06-02 09:30:00+00,"
                + "dropped:2018-06-01 11:00:00+00,held:open,kept:open");
        // The held session's end arrives later: its pointer follows the row.
        given().contentType(ContentType.JSON).body("{\"records\":[" + s + "\"sessionId\":\"held\",\"assignedAddress\":"
                        + "\"100.64.45.2\",\"publicIp\":\"203.0.113.202\",\"start\":\"2018-06-01T10:00:00Z\","
                        + "\"end\":\"2018-06-01T12:00:00Z\"}]}")
                .when().post("/api/v1/ap/sessions").then().statusCode(200).body("ended", equalTo(1));
        assertThat(DbProbe.string(ds, pointers, nas)).contains("held:2018-06-01 12:00:00+00");

        String acct = "acct-" + UUID.randomUUID();
        String post1 = "post-" + UUID.randomUUID();
        String post2 = "post-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body("{\"records\":[" + event("POST", acct, post1, "2018-06-01T10:00:00Z")
                        + "," + event("POST", acct, post2, "2018-06-02T13:00:00Z") + "]}")
                .when().post("/api/v1/cp/events").then().statusCode(200).body("stored", equalTo(2));
        String refs = "select count(*) from ingest.cp_post_ref where event_id = ?";
        assertThat(DbProbe.count(ds, refs, post1) + DbProbe.count(ds, refs, post2)).isEqualTo(2);

        String hold = ",\"holds\":[{\"holdId\":\"" + UUID.randomUUID() + "\",\"categories\":[\"ap.connection-auth\"],"
                + "\"selectors\":[{\"kind\":\"IP\",\"value\":\"203.0.113.202\"}],"
                + "\"windowFrom\":\"2018-05-01T00:00:00Z\",\"windowTo\":\"2018-07-01T00:00:00Z\"}]}";
        String cutoffs = "\"cutoffs\":[{\"category\":\"ap.connection-auth\",\"cutoff\":\"2018-06-02T12:00:00Z\"},"
                + "{\"category\":\"cp.post\",\"cutoff\":\"2018-06-02T12:00:00Z\"}]";
        String plan = "{\"runId\":\"" + UUID.randomUUID() + "\",\"planDigest\":\"test\",\"holdsRevision\":0,\"asOf\":\""
                + Instant.now() + "\"," + cutoffs + hold;
        given().contentType(ContentType.JSON).body(plan).when().post("/internal/v1/purge-executions")
                .then().statusCode(200).body("completed", equalTo(true));
        assertThat(DbProbe.string(ds, pointers, nas)).isEqualTo("held:2018-06-01 12:00:00+00,kept:open");
        assertThat(DbProbe.count(ds, refs, post1)).isZero();
        assertThat(DbProbe.count(ds, refs, post2)).isEqualTo(1);

        // The hold ends: the preserved session goes, and its pointer with it.
        String released = "{\"runId\":\"" + UUID.randomUUID() + "\",\"planDigest\":\"test\",\"holdsRevision\":0,"
                + "\"asOf\":\"" + Instant.now() + "\"," + cutoffs + "}";
        given().contentType(ContentType.JSON).body(released).when().post("/internal/v1/purge-executions")
                .then().statusCode(200).body("completed", equalTo(true));
        assertThat(DbProbe.string(ds, pointers, nas)).isEqualTo("kept:open");
        assertVolumesMatchRows();
    }

    private static String event(String kind, String account, String eventId, String at) {
        return "{\"kind\":\"" + kind + "\",\"eventId\":\"" + eventId + "\",\"accountId\":\"" + account
                + "\",\"ip\":\"198.51.100.9\",\"sourcePort\":40000,\"occurredAt\":\"" + at + "\"}";
    }

    @Test
    void heldRowsOutliveTheirCutoffAndGoOnceThePlanNoLongerCarriesTheHold() {
        String held = "acct-held-" + UUID.randomUUID();
        String free = "acct-free-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body("{\"records\":["
                        + event("ACCOUNT_CREATED", held, "h1", "2019-05-01T10:00:00Z") + ","
                        + event("ACCOUNT_CREATED", free, "f1", "2019-05-01T11:00:00Z") + "]}")
                .when().post("/api/v1/cp/events").then().statusCode(200).body("stored", equalTo(2));
        String hold = ",\"holds\":[{\"holdId\":\"" + UUID.randomUUID() + "\",\"categories\":[\"cp.account\"],"
                + "\"selectors\":[{\"kind\":\"ACCOUNT\",\"value\":\"" + held + "\"}],"
                + "\"windowFrom\":\"2019-04-01T00:00:00Z\",\"windowTo\":\"2019-06-01T00:00:00Z\"}]}";
        String withHold = order(Instant.now(), "cp.account", "2019-06-01T00:00:00Z").replaceFirst("}$", hold);

        // The day goes as a whole; the held row waits in the preservation area, tagged with its hold.
        given().contentType(ContentType.JSON).body(withHold).when().post("/internal/v1/purge-executions")
                .then().statusCode(200)
                .body("completed", equalTo(true))
                .body("categories[0].partitionsDropped", hasItem("cp_account_event_p20190501"))
                .body("categories[0].rowsHeld", equalTo(1));
        assertThat(DbProbe.count(ds, "select count(*) from ingest.cp_account_event where account_id = ?", held)).isZero();
        assertThat(DbProbe.count(ds, "select count(*) from ingest.cp_account_event_preserved where account_id = ?"
                + " and cardinality(hold_ids) = 1", held)).isEqualTo(1);
        assertThat(DbProbe.count(ds, "select count(*) from ingest.cp_account_event where account_id = ?", free)).isZero();

        // The hold has ended: the next plan does not carry it, and the preserved row goes too.
        given().contentType(ContentType.JSON).body(order(Instant.now(), "cp.account", "2019-06-01T00:00:00Z"))
                .when().post("/internal/v1/purge-executions")
                .then().statusCode(200)
                .body("categories[0].rowsReleasedFromPreservation", equalTo(1))
                .body("categories[0].rowsHeld", equalTo(0));
        assertThat(DbProbe.count(ds, "select count(*) from ingest.cp_account_event_preserved where account_id = ?", held))
                .isZero();
        // What went is still visible as a volume, without any identifier.
        given().queryParam("from", "2019-05-01").queryParam("to", "2019-05-02").when().get("/api/v1/stats/removed-volumes")
                .then().statusCode(200).body("find { it.category == 'cp.account' }.count", equalTo(2));
        assertVolumesMatchRows();
    }

    @Test
    void anIpAndPortHoldKeepsOnlyTheMatchingTransmissions() {
        String acct = "acct-ip-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body("{\"records\":["
                        + "{\"kind\":\"LOGIN\",\"eventId\":\"in\",\"accountId\":\"" + acct + "\",\"ip\":\"203.0.113.50\","
                        + "\"sourcePort\":1500,\"occurredAt\":\"2017-02-01T10:00:00Z\"},"
                        + "{\"kind\":\"LOGIN\",\"eventId\":\"out\",\"accountId\":\"" + acct + "\",\"ip\":\"203.0.113.50\","
                        + "\"sourcePort\":3000,\"occurredAt\":\"2017-02-01T11:00:00Z\"}]}")
                .when().post("/api/v1/cp/events").then().statusCode(200);
        String hold = ",\"holds\":[{\"holdId\":\"" + UUID.randomUUID() + "\",\"categories\":[\"cp.login\"],"
                + "\"selectors\":[{\"kind\":\"IP\",\"value\":\"203.0.113.0/24\",\"portStart\":1024,\"portEnd\":2047}],"
                + "\"windowFrom\":\"2017-01-01T00:00:00Z\",\"windowTo\":\"2017-03-01T00:00:00Z\"}]}";
        given().contentType(ContentType.JSON)
                .body(order(Instant.now(), "cp.login", "2017-03-01T00:00:00Z").replaceFirst("}$", hold))
                .when().post("/internal/v1/purge-executions").then().statusCode(200);
        assertThat(DbProbe.count(ds, "select count(*) from ingest.cp_login_event_preserved where account_id = ?"
                + " and event_id = 'in'", acct)).isEqualTo(1);
        assertThat(DbProbe.count(ds, "select count(*) from ingest.cp_login_event where account_id = ?", acct)).isZero();
        assertThat(DbProbe.count(ds, "select count(*) from ingest.cp_login_event_preserved where account_id = ?"
                + " and event_id = 'out'", acct)).isZero();
    }

    @Test
    void aSelectorsRecordsGoUpToTheInstantItsPurposeWasAchieved() {
        String acct = "acct-done-" + UUID.randomUUID();
        String other = "acct-other-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body("{\"records\":["
                        + event("POST", acct, "p1-" + acct, "2019-07-10T10:00:00Z") + ","
                        + event("POST", acct, "p2-" + acct, "2019-07-20T10:00:00Z") + ","
                        + event("POST", other, "p3-" + other, "2019-07-10T10:00:00Z") + "]}")
                .when().post("/api/v1/cp/events").then().statusCode(200).body("stored", equalTo(3));
        String achieved = ",\"purposeAchievements\":[{\"category\":\"cp.post\",\"selectorKind\":\"ACCOUNT\","
                + "\"selectorValue\":\"" + acct + "\",\"achievedAt\":\"2019-07-15T00:00:00Z\"}]}";
        given().contentType(ContentType.JSON)
                .body(order(Instant.now(), "cp.post", "2019-07-01T00:00:00Z").replaceFirst("}$", achieved))
                .when().post("/internal/v1/purge-executions").then().statusCode(200)
                .body("categories[0].rowsDeletedForPurpose", equalTo(1));
        assertThat(DbProbe.count(ds, "select count(*) from ingest.cp_post where account_id = ?", acct)).isEqualTo(1);
        assertThat(DbProbe.count(ds, "select count(*) from ingest.cp_post where account_id = ?", other)).isEqualTo(1);
        assertVolumesMatchRows();
    }

    @Test
    void aPreviewCountsWhatWouldGoAndDeletesNothing() {
        String acct = "acct-preview-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body("{\"records\":["
                        + event("POST", acct, "x1-" + acct, "2020-01-05T10:00:00Z") + ","
                        + event("POST", acct, "x2-" + acct, "2020-01-06T10:00:00Z") + "]}")
                .when().post("/api/v1/cp/events").then().statusCode(200);
        // Other tests never cut cp.post after mid-2019, so 2020 belongs to this test alone.
        given().contentType(ContentType.JSON).body(order(Instant.now(), "cp.post", "2020-01-06T00:00:00Z"))
                .when().post("/internal/v1/purge-previews")
                .then().statusCode(200)
                .body("categories[0].partitionsToDrop", hasItem("cp_post_p20200105"))
                .body("categories[0].partitionsToDrop", not(hasItem("cp_post_p20200106")))
                .body("categories[0].oldestDue", equalTo("2020-01-05T10:00:00Z"));
        assertThat(DbProbe.count(ds, "select count(*) from ingest.cp_post where account_id = ?", acct)).isEqualTo(2);
    }

    @Test
    void theExecutionLogAnswersForARunAfterTheFact() {
        String acct = "acct-log-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body("{\"records\":[" + event("LOGOUT", acct, "l1", "2015-03-01T10:00:00Z") + "]}")
                .when().post("/api/v1/cp/events").then().statusCode(200);
        String body = order(Instant.now(), "cp.login", "2015-03-02T00:00:00Z");
        String runId = body.substring(body.indexOf("runId\":\"") + 8, body.indexOf("runId\":\"") + 44);
        given().contentType(ContentType.JSON).body(body).when().post("/internal/v1/purge-executions").then().statusCode(200);
        given().when().get("/internal/v1/purge-executions/" + runId).then().statusCode(200)
                .body("categories.find { it.category == 'cp.login' }.partitionsDropped", hasItem("cp_login_event_p20150301"));
    }

    @Test
    void aStalePlanDeletesNothing() {
        String acct = "acct-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body("{\"records\":[" + login(acct, "a", "2018-06-01T10:00:00Z") + "]}")
                .when().post("/api/v1/cp/events").then().statusCode(200);
        given().contentType(ContentType.JSON)
                .body(order(Instant.now().minus(1, ChronoUnit.DAYS), "cp.login", "2018-07-01T00:00:00Z"))
                .when().post("/internal/v1/purge-executions")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:hozon:problem:stale-plan"));
        given().contentType(ContentType.JSON)
                .body(order(Instant.now(), "cp.login", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
                .when().post("/internal/v1/purge-executions")
                .then().statusCode(409)
                .body("type", equalTo("urn:hozon:problem:cutoff-after-plan-instant"));
        assertThat(DbProbe.count(ds, "select count(*) from ingest.cp_login_event where account_id = ?", acct)).isEqualTo(1);
    }

    @Test
    void categoriesWithoutAStoreAreReportedNotGuessed() {
        given().contentType(ContentType.JSON).body(order(Instant.now(), "cp.direct-messages", "2018-07-01T00:00:00Z"))
                .when().post("/internal/v1/purge-executions")
                .then().statusCode(200)
                .body("unknownCategories", contains("cp.direct-messages"));
    }
}
