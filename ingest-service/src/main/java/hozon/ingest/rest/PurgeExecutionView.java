package hozon.ingest.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What an execution removed, per category. Partition names carry days, never identifiers. */
public record PurgeExecutionView(UUID runId, String planDigest, Instant startedAt, Instant finishedAt,
        List<CategoryOutcome> categories, List<String> unknownCategories) {

    public record CategoryOutcome(String category, Instant cutoff, List<String> partitionsDropped,
            long rowsInDroppedPartitions, long rowsDeleted) {

        public long total() {
            return rowsInDroppedPartitions + rowsDeleted;
        }
    }
}
