package hozon.ingest.rest;

import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A JSON batch. Accepted or refused as a whole: one bad record and nothing is stored. */
public final class Batch {

    private Batch() {
    }

    @Schema(description = "A batch of AP sessions")
    public record ApSessions(@NotEmpty List<ApSessionRecord> records) {
    }

    @Schema(description = "A batch of CP events")
    public record CpEvents(@NotEmpty List<CpEventRecord> records) {
    }

    @Schema(description = "What a batch did: duplicates (same key as a stored record) are acknowledged, not stored twice")
    public record Result(int received, int stored, int duplicates) {
    }
}
