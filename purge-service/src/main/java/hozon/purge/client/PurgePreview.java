package hozon.purge.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/** ingest-service's count of what a plan would remove (unknown fields are ignored). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PurgePreview(Instant computedAt, List<CategoryPreview> categories, List<String> unknownCategories) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CategoryPreview(String category, Instant cutoff, List<String> partitionsToDrop, long rowsDue,
            long rowsHeld, Instant oldestDue) {
    }
}
