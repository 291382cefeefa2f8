package hozon.purge.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What ingest-service is asked to execute. */
public record PurgeOrder(UUID runId, String planDigest, Instant asOf, long holdsRevision, List<Cutoff> cutoffs,
        List<JsonNode> holds, List<JsonNode> purposeAchievements) {

    public record Cutoff(String category, Instant cutoff) {
    }
}
