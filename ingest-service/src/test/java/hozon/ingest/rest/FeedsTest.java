package hozon.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import hozon.devdb.EmbeddedPostgresTestResource;
import hozon.devdb.JwtTestResource;
import hozon.security.Roles;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** NDJSON streams, Idempotency-Key, body limits and port-block events. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
@TestSecurity(user = "feed@example.jp", roles = {Roles.FEED})
class FeedsTest {

    private static final String NDJSON = "application/x-ndjson";

    static {
        io.restassured.RestAssured.config = io.restassured.RestAssured.config().encoderConfig(
                io.restassured.config.EncoderConfig.encoderConfig().encodeContentTypeAs(NDJSON, ContentType.TEXT));
    }

    @Inject
    AgroalDataSource ds;

    private static String session(String subscriber, String sessionId, String address, Instant start, Instant end) {
        return "{\"subscriberId\":\"" + subscriber + "\",\"sessionId\":\"" + sessionId + "\",\"nasId\":\"nas-1\","
                + "\"assignedAddress\":\"" + address + "\",\"start\":\"" + start + "\""
                + (end == null ? "" : ",\"end\":\"" + end + "\"") + "}";
    }

    private long rows(String subscriber) {
        return DbProbe.count(ds, "select count(*) from ingest.ap_session where subscriber_id = ?", subscriber);
    }

    @Test
    void anNdjsonStreamStoresTheGoodLinesAndListsEveryBadOneByLine() {
        String sub = "sub-" + UUID.randomUUID();
        Instant t = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String body = session(sub, "s1", "100.64.7.1", t, t.plusSeconds(60)) + "\n"
                + session(sub, "s2", "100.64.7.2", t, null) + "\r\n"
                + "\n"
                + session(sub, "s3", "100.64.7.300", t, null) + "\n"
                + "{\"subscriberId\":\"" + sub + "\",\"sessionId\":\"s4\",\"assignedAddress\":\"100.64.7.4\",\"start\":\""
                + t + "\",\"message\":\"hello\"}\n"
                + "{not json\n"
                + session(sub, "s5", "100.64.7.5", t, t.minusSeconds(1)) + "\n"
                + session(sub, "s6", "100.64.7.6", t, null);
        given().contentType(NDJSON).body(body).when().post("/api/v1/ap/sessions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:hozon:problem:invalid-records"))
                .body("stored", equalTo(3)).body("rejected", equalTo(4)).body("received", equalTo(7))
                .body("errors", hasSize(4))
                .body("errors.find { it.index == 3 }.field", equalTo("assignedAddress"))
                .body("errors.find { it.index == 4 }.field", equalTo("message"))
                .body("errors.find { it.index == 4 }.reason", containsString("content of communications"))
                .body("errors.find { it.index == 5 }.reason", equalTo("not valid JSON"))
                .body("errors.find { it.index == 6 }.field", equalTo("end"));
        assertThat(rows(sub)).isEqualTo(3);
        assertThat(DbProbe.count(ds, "select count(*) from ingest.ap_session where subscriber_id = ? and"
                + " host(assigned_ip) in ('100.64.7.4', '100.64.7.5')", sub)).isZero();
        // The sender retries the whole stream: nothing is stored twice.
        given().contentType(NDJSON).body(body).when().post("/api/v1/ap/sessions")
                .then().statusCode(400).body("stored", equalTo(0)).body("duplicates", equalTo(3));
        assertThat(rows(sub)).isEqualTo(3);
    }

    @Test
    void aSessionSentOpenGetsItsEndLaterAndIsNeverReopened() {
        String sub = "sub-" + UUID.randomUUID();
        Instant t = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String open = session(sub, "s1", "100.64.8.1", t, null);
        String closed = session(sub, "s1", "100.64.8.1", t, t.plusSeconds(600));
        given().contentType(NDJSON).body(open).when().post("/api/v1/ap/sessions").then().statusCode(200)
                .body("stored", equalTo(1));
        given().contentType(NDJSON).body(closed + "\n" + closed).when().post("/api/v1/ap/sessions").then()
                .statusCode(200).body("stored", equalTo(0)).body("ended", equalTo(1)).body("duplicates", equalTo(1));
        given().contentType(NDJSON).body(open + "\n" + session(sub, "s1", "100.64.8.1", t, t.plusSeconds(9999)))
                .when().post("/api/v1/ap/sessions").then().statusCode(200).body("duplicates", equalTo(2));
        assertThat(rows(sub)).isEqualTo(1);
        assertThat(DbProbe.count(ds, "select count(*) from ingest.ap_session where subscriber_id = ? and ended_at = ?",
                sub, t.plusSeconds(600).atOffset(java.time.ZoneOffset.UTC))).isEqualTo(1);
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() {
        String sub = "sub-" + UUID.randomUUID();
        Instant t = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String key = "batch-" + UUID.randomUUID();
        String body = "{\"records\":[" + session(sub, "s1", "100.64.9.1", t, null) + "]}";
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).when().post("/api/v1/ap/sessions")
                .then().statusCode(200).body("stored", equalTo(1)).header("Idempotent-Replayed", (String) null);
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).when().post("/api/v1/ap/sessions")
                .then().statusCode(200).body("stored", equalTo(1)).header("Idempotent-Replayed", "true");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"records\":[" + session(sub, "s2", "100.64.9.2", t, null) + "]}").when().post("/api/v1/ap/sessions")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:hozon:problem:idempotency-key-reused"));
        assertThat(rows(sub)).isEqualTo(1);
        // The same holds for a stream.
        String streamKey = "stream-" + UUID.randomUUID();
        String lines = session(sub, "s3", "100.64.9.3", t, null) + "\n";
        given().contentType(NDJSON).header("Idempotency-Key", streamKey).body(lines).when().post("/api/v1/ap/sessions")
                .then().statusCode(200).body("stored", equalTo(1));
        given().contentType(NDJSON).header("Idempotency-Key", streamKey).body(lines).when().post("/api/v1/ap/sessions")
                .then().statusCode(200).body("stored", equalTo(1)).header("Idempotent-Replayed", "true");
        given().contentType(NDJSON).header("Idempotency-Key", streamKey).body(session(sub, "s4", "100.64.9.4", t, null))
                .when().post("/api/v1/ap/sessions").then().statusCode(422);
        assertThat(rows(sub)).isEqualTo(2);
    }

    @Test
    void aJsonBodyOverTheLimitIsRefusedWith413AndNothingIsStored() {
        String sub = "sub-" + UUID.randomUUID();
        Instant t = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        StringBuilder body = new StringBuilder("{\"records\":[");
        for (int i = 0; i < 3000; i++) {
            body.append(i == 0 ? "" : ",").append(session(sub, "s" + i, "100.64.10." + (i % 250), t.plusSeconds(i), null));
        }
        body.append("]}");
        assertThat(body.length()).isGreaterThan(256 * 1024);
        given().contentType(ContentType.JSON).body(body.toString()).when().post("/api/v1/ap/sessions")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:hozon:problem:payload-too-large"));
        assertThat(rows(sub)).isZero();
        // Streamed as NDJSON, the same records are accepted.
        String lines = body.substring("{\"records\":[".length(), body.length() - 2).replace("},{", "}\n{");
        given().contentType(NDJSON).body(lines).when().post("/api/v1/ap/sessions")
                .then().statusCode(200).body("stored", equalTo(3000));
        assertThat(rows(sub)).isEqualTo(3000);
    }

    @Test
    void portBlocksOpenOnAllocationCloseOnReleaseAndRepeatsChangeNothing() {
        String publicIp = "203.0.113." + (1 + (int) (Math.random() * 250));
        Instant t = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        String allocate = block("allocate", "100.64.20.1", publicIp, 1024, 2047, t);
        String release = block("release", "100.64.20.1", publicIp, 1024, 2047, t.plusSeconds(3600));
        given().contentType(NDJSON).body(allocate + "\n" + release).when().post("/api/v1/ap/port-blocks").then()
                .statusCode(200).body("stored", equalTo(1)).body("ended", equalTo(1));
        // Retransmitted allocation, repeated release, and a late allocation: one closed block stays.
        given().contentType(ContentType.JSON).body("{\"records\":[" + release + "," + allocate + "]}")
                .when().post("/api/v1/ap/port-blocks").then().statusCode(200).body("stored", equalTo(0))
                .body("ended", equalTo(0)).body("duplicates", equalTo(2));
        assertThat(DbProbe.count(ds, "select count(*) from ingest.ap_port_block where public_ip = ?::inet"
                + " and released_at = ?", publicIp, t.plusSeconds(3600).atOffset(java.time.ZoneOffset.UTC))).isEqualTo(1);
        assertThat(DbProbe.count(ds, "select count(*) from ingest.ap_port_block where public_ip = ?::inet", publicIp))
                .isEqualTo(1);
        // The same ports given to another inside address end a block whose release was lost.
        given().contentType(NDJSON).body(block("allocate", "100.64.20.2", publicIp, 2048, 3071, t) + "\n"
                + block("allocate", "100.64.20.3", publicIp, 2048, 3071, t.plusSeconds(60)))
                .when().post("/api/v1/ap/port-blocks").then().statusCode(200).body("stored", equalTo(2))
                .body("ended", equalTo(1));
        assertThat(DbProbe.count(ds, "select count(*) from ingest.ap_port_block where public_ip = ?::inet"
                + " and host(inside_ip) = '100.64.20.2' and released_at is not null", publicIp)).isEqualTo(1);
    }

    @Test
    void badPortBlockEventsAreRefusedWithTheirFieldAndNothingIsStored() {
        Instant t = Instant.now().minus(1, ChronoUnit.DAYS);
        given().contentType(ContentType.JSON).body("{\"records\":["
                        + block("allocate", "100.64.21.1", "203.0.113.300", 1024, 2047, t) + ","
                        + block("allocate", "100.64.21.1", "2001:db8::1", 1024, 2047, t) + ","
                        + block("allocate", "100.64.21.1", "198.51.100.9", 2047, 1024, t) + ","
                        + block("allocate", "100.64.21.1", "198.51.100.9", 1024, 70000, t) + ","
                        + block("grab", "100.64.21.1", "198.51.100.9", 1024, 2047, t) + ","
                        + block("allocate", "100.64.21.1", "198.51.100.9", 1024, 2047, Instant.now().plus(1, ChronoUnit.DAYS))
                        + "]}")
                .when().post("/api/v1/ap/port-blocks").then().statusCode(400)
                .body("errors.find { it.index == 0 }.field", equalTo("publicIp"))
                .body("errors.find { it.index == 1 }.field", equalTo("publicIp"))
                .body("errors.find { it.index == 2 }.field", equalTo("portEnd"))
                .body("errors.find { it.index == 3 }.reason", equalTo("must be 0..65535"))
                .body("errors.find { it.index == 4 }.field", equalTo("event"))
                .body("errors.find { it.index == 5 }.field", equalTo("occurredAt"));
        assertThat(DbProbe.count(ds, "select count(*) from ingest.ap_port_block where host(inside_ip) = '100.64.21.1'"))
                .isZero();
    }

    private static String block(String event, String inside, String publicIp, int from, int to, Instant t) {
        return "{\"event\":\"" + event + "\",\"deviceId\":\"cgn-1\",\"insideIp\":\"" + inside + "\",\"publicIp\":\""
                + publicIp + "\",\"portStart\":" + from + ",\"portEnd\":" + to + ",\"occurredAt\":\"" + t + "\"}";
    }
}
