package hozon.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;

import hozon.devdb.EmbeddedPostgresTestResource;
import hozon.devdb.JwtTestResource;
import hozon.ingest.feed.WriteGate;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With every write slot taken, one more write is refused at once with 503 and Retry-After. */
@QuarkusTest
@TestProfile(OverloadTest.OneWriteAtATime.class)
@WithTestResource(EmbeddedPostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class OverloadTest {

    public static class OneWriteAtATime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hozon.ingest.max-concurrent-writes", "1", "hozon.ingest.overload-retry-after-seconds", "3");
        }
    }

    @TestHTTPResource("/api/v1/ap/sessions")
    URL sessions;

    @Inject
    AgroalDataSource ds;

    private static String line(String sub, String id) {
        return "{\"subscriberId\":\"" + sub + "\",\"sessionId\":\"" + id + "\",\"assignedAddress\":\"100.64.50.1\","
                + "\"start\":\"" + Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS) + "\"}\n";
    }

    @Inject
    WriteGate gate;

    @Test
    void aWriteBeyondTheSlotsGets503WithRetryAfterAndStoresNothing() throws Exception {
        String token = JwtTestResource.token("feed-a", "feed");
        String sub = "sub-" + UUID.randomUUID();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> refused;
        // The only write slot is busy (as with a long NDJSON upload in progress).
        try (WriteGate.Slot busy = gate.enter()) {
            refused = http.send(HttpRequest.newBuilder(sessions.toURI()).header("Content-Type", "application/x-ndjson")
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(line(sub, "a")))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).contains("3");
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("urn:hozon:problem:overloaded");
        assertThat(DbProbe.count(ds, "select count(*) from ingest.ap_session where subscriber_id = ?", sub)).isZero();
        // Once the slot is free the retry is stored.
        HttpResponse<String> retried = http.send(HttpRequest.newBuilder(sessions.toURI())
                .header("Content-Type", "application/x-ndjson").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(line(sub, "a"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(DbProbe.count(ds, "select count(*) from ingest.ap_session where subscriber_id = ?", sub)).isEqualTo(1);
    }
}
