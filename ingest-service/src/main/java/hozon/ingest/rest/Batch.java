package hozon.ingest.rest;

import hozon.ingest.domain.PortBlockEventRecord;
import hozon.ingest.domain.CpEventRecord;
import hozon.ingest.domain.ApSessionRecord;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A JSON batch. Accepted or refused as a whole: one bad record and nothing is stored. */
// Read by hand (ObjectMapper.readerFor) from the request body, so no resource signature tells
// Quarkus to keep these for reflection.
@RegisterForReflection(targets = {Batch.ApSessions.class, Batch.CpEvents.class, Batch.PortBlockEvents.class,
        Batch.Result.class})
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
    public record Result(int received, int stored,
            @Schema(description = "Open sessions (or port blocks) stored earlier whose end this batch recorded") int ended,
            int duplicates) {

        public static Result of(int received, int stored, int ended) {
            return new Result(received, stored, ended, received - stored - ended);
        }

        public Result plus(Result o) {
            return new Result(received + o.received, stored + o.stored, ended + o.ended, duplicates + o.duplicates);
        }
    }

    @Schema(description = "A batch of CGNAT port-block events")
    public record PortBlockEvents(@NotEmpty List<PortBlockEventRecord> records) {
    }
}
