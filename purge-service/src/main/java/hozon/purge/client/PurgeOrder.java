package hozon.purge.client;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What ingest-service is asked to execute. */
public record PurgeOrder(UUID runId, String planDigest, Instant asOf, List<Cutoff> cutoffs) {

    public record Cutoff(String category, Instant cutoff) {
    }
}
