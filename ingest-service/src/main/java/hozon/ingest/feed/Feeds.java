package hozon.ingest.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import hozon.ingest.rest.Batch;
import hozon.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The frame around every feed write: admission ({@link WriteGate}), the Idempotency-Key check
 * and replay ({@link Idempotency}), and the answer, sent only after the work committed.
 */
@ApplicationScoped
public class Feeds {

    public static final String REPLAYED = "Idempotent-Replayed";

    @Inject
    WriteGate gate;

    @Inject
    Idempotency idempotency;

    @Inject
    CurrentBody body;

    @Inject
    CurrentUser user;

    @Inject
    ObjectMapper json;

    /** Work that stores records and says what it did. */
    @FunctionalInterface
    public interface Work {
        Batch.Result run() throws SQLException, IOException;
    }

    /** A JSON batch: the body was parsed whole before this runs. */
    public Response batch(String key, String endpoint, Work work) throws SQLException, IOException {
        Idempotency.checkKey(key);
        try (WriteGate.Slot slot = gate.enter()) {
            byte[] sha = body.get().finish();
            if (key != null) {
                Optional<Idempotency.Stored> kept = idempotency.replay(idempotency.find(user.name(), key), sha, key);
                if (kept.isPresent()) {
                    return replay(kept.get());
                }
            }
            return answer(key, endpoint, sha, work.run());
        }
    }

    /** An NDJSON stream: read while it is stored; the body's hash is known only at its end. */
    public Response stream(String key, String endpoint, Work work) throws SQLException, IOException {
        Idempotency.checkKey(key);
        try (WriteGate.Slot slot = gate.enter()) {
            Optional<Idempotency.Stored> prior = key == null ? Optional.empty() : idempotency.find(user.name(), key);
            if (prior.isPresent()) {
                return replay(idempotency.replay(prior, body.get().finish(), key).orElseThrow());
            }
            Batch.Result result = work.run();
            return answer(key, endpoint, body.get().finish(), result);
        }
    }

    private Response answer(String key, String endpoint, byte[] sha, Batch.Result result) throws SQLException, IOException {
        if (key != null) {
            idempotency.save(user.name(), key, endpoint, sha, 200, json.writeValueAsString(result));
        }
        return Response.ok(result, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Response replay(Idempotency.Stored kept) {
        return Response.status(kept.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(kept.response())
                .header(REPLAYED, "true").build();
    }
}
