package hozon.ingest.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a run removed, per category, read back from the execution log that each deletion wrote
 * in its own transaction: counts and relation names (days), never identifiers.
 */
public record PurgeExecutionView(UUID runId, String planDigest, Instant startedAt, Instant finishedAt,
        @Schema(description = "False when the execution stopped early; abortReason says why") boolean completed,
        String abortReason, List<CategoryOutcome> categories, List<String> unknownCategories) {

    public record CategoryOutcome(String category, Instant cutoff, List<String> partitionsDropped,
            @Schema(description = "Rows that went with the dropped partitions") long rowsInDroppedPartitions,
            @Schema(description = "Rows deleted one by one (the cutoff's own day, or days a hold touches)")
            long rowsDeleted,
            @Schema(description = "Rows deleted because their purpose was achieved") long rowsDeletedForPurpose,
            @Schema(description = "Rows that left the preservation area: their holds ended and retention is past")
            long rowsReleasedFromPreservation,
            @Schema(description = "Rows past the cutoff kept because a hold protects them (in place or moved to the"
                    + " preservation area)") long rowsHeld,
            @Schema(description = "Day keys destroyed by this run (crypto-shredding): the JST days of which no row"
                    + " is left, now unreadable in every backup and replica too") List<DestroyedKey> keysDestroyed) {

        public long removed() {
            return rowsInDroppedPartitions + rowsDeleted + rowsDeletedForPurpose + rowsReleasedFromPreservation;
        }

        public CategoryOutcome withKeys(List<DestroyedKey> keys) {
            return new CategoryOutcome(category, cutoff, partitionsDropped, rowsInDroppedPartitions, rowsDeleted,
                    rowsDeletedForPurpose, rowsReleasedFromPreservation, rowsHeld, keys);
        }
    }

    /** A destroyed day key: its id, its JST day, when — never its material. */
    public record DestroyedKey(long keyId, java.time.LocalDate day, Instant destroyedAt) {
    }
}
