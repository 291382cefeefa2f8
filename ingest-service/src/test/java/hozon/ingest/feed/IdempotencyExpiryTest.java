package hozon.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import hozon.devdb.EmbeddedPostgresTestResource;
import hozon.devdb.JwtTestResource;
import hozon.ingest.config.IngestConfig;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An Idempotency-Key lives its configured retention, then is neither replayed nor kept (clock moved by hand). */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class IdempotencyExpiryTest {

    @Inject
    Idempotency idempotency;

    @Inject
    IngestConfig config;

    @Test
    void aKeyIsReplayedWithinItsRetentionAndForgottenAfterIt() throws Exception {
        Duration retention = config.idempotency().retention();
        String key = "k-" + UUID.randomUUID();
        byte[] first = {1, 2, 3};
        byte[] second = {4, 5, 6};
        Instant t0 = Instant.parse("2026-11-30T00:00:00Z");
        idempotency.save("feed-a", key, "/api/v1/ap/sessions", first, 200, "{\"stored\":1}", t0);

        assertThat(idempotency.find("feed-a", key, t0.plus(retention).minusSeconds(1))).get()
                .extracting(Idempotency.Stored::response).isEqualTo("{\"stored\":1}");
        assertThat(idempotency.find("feed-b", key, t0.plusSeconds(1))).as("per principal").isEmpty();
        assertThat(idempotency.find("feed-a", key, t0.plus(retention))).as("retention passed").isEmpty();

        // A later request with the same key is answered afresh, and its answer is the one kept now.
        Instant later = t0.plus(retention).plusSeconds(5);
        idempotency.save("feed-a", key, "/api/v1/ap/sessions", second, 200, "{\"stored\":0}", later);
        assertThat(idempotency.find("feed-a", key, later.plusSeconds(1))).get()
                .extracting(Idempotency.Stored::response).isEqualTo("{\"stored\":0}");
        // Within the retention the first answer is never overwritten.
        idempotency.save("feed-a", key, "/api/v1/ap/sessions", first, 200, "{\"stored\":9}", later.plusSeconds(2));
        assertThat(idempotency.find("feed-a", key, later.plusSeconds(3)).orElseThrow().response()).isEqualTo("{\"stored\":0}");

        // The sweep removes what is past its retention, and nothing younger.
        String young = "k-" + UUID.randomUUID();
        idempotency.save("feed-a", young, "/api/v1/ap/sessions", first, 200, "{}", later.plus(retention).minusSeconds(10));
        assertThat(idempotency.expire(later.plusSeconds(1))).isGreaterThanOrEqualTo(1);
        assertThat(idempotency.find("feed-a", key, later.plusSeconds(3))).isEmpty();
        assertThat(idempotency.find("feed-a", young, later.plus(retention))).isPresent();
    }
}
