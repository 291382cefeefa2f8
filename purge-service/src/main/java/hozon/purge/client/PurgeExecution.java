package hozon.purge.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** ingest-service's account of an execution, from its execution log (unknown fields are ignored). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PurgeExecution(boolean completed, String abortReason, List<CategoryOutcome> categories,
        List<String> unknownCategories) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CategoryOutcome(String category, List<String> partitionsDropped, long rowsInDroppedPartitions,
            long rowsDeleted, long rowsDeletedForPurpose, long rowsReleasedFromPreservation, long rowsHeld,
            List<DestroyedKey> keysDestroyed) {

        public long removed() {
            return rowsInDroppedPartitions + rowsDeleted + rowsDeletedForPurpose + rowsReleasedFromPreservation;
        }
    }

    /** A day key ingest-service destroyed (crypto-shredding). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DestroyedKey(long keyId, java.time.LocalDate day, java.time.Instant destroyedAt) {

        @Override
        public String toString() {
            return keyId + "@" + day + "@" + destroyedAt;
        }
    }
}
