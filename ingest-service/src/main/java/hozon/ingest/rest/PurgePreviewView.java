package hozon.ingest.rest;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What executing a plan would remove now; nothing was deleted to find out. */
public record PurgePreviewView(Instant computedAt, List<CategoryPreview> categories, List<String> unknownCategories) {

    public record CategoryPreview(String category, Instant cutoff,
            @Schema(description = "Day partitions that would be dropped") List<String> partitionsToDrop,
            @Schema(description = "Rows that would be removed (live and in the preservation area)") long rowsDue,
            @Schema(description = "Rows past the cutoff that holds keep") long rowsHeld,
            @Schema(description = "Event time of the oldest row that would be removed") Instant oldestDue) {
    }
}
