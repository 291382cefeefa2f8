package hozon.ingest.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an execution removed, per category. Counts and partition names (days), never identifiers. */
public record PurgeExecutionView(UUID runId, String planDigest, Instant startedAt, Instant finishedAt,
        List<CategoryOutcome> categories, List<String> unknownCategories) {

    public record CategoryOutcome(String category, Instant cutoff, List<String> partitionsDropped,
            @Schema(description = "Rows that went with the dropped partitions") long rowsInDroppedPartitions,
            @Schema(description = "Rows deleted one by one (the cutoff's own day, or days a hold touches)")
            long rowsDeleted,
            @Schema(description = "Rows deleted because their purpose was achieved") long rowsDeletedForPurpose,
            @Schema(description = "Rows past the cutoff kept because a hold protects them") long rowsHeld) {
    }
}
