package hozon.purge.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** ingest-service's account of an execution, from its execution log (unknown fields are ignored). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PurgeExecution(boolean completed, String abortReason, List<CategoryOutcome> categories,
        List<String> unknownCategories) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CategoryOutcome(String category, List<String> partitionsDropped, long rowsInDroppedPartitions,
            long rowsDeleted, long rowsDeletedForPurpose, long rowsReleasedFromPreservation, long rowsHeld) {

        public long removed() {
            return rowsInDroppedPartitions + rowsDeleted + rowsDeletedForPurpose + rowsReleasedFromPreservation;
        }
    }
}
