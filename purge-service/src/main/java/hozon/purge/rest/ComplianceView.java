package hozon.purge.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "How prompt deletion is: records overdue per category and the purge lag")
public record ComplianceView(Instant asOf,
        @Schema(description = "The largest purge lag over all categories, in seconds") long purgeLagSeconds,
        List<CategoryCompliance> categories, UUID lastSuccessfulRunId, Instant lastSuccessfulRunAt, int holdsInForce) {

    public record CategoryCompliance(String category, int ruleVersion, String period,
            @Schema(description = "Records before this instant should be gone (plan cutoff less grace and margin)")
            Instant appliedCutoff,
            @Schema(description = "Records past the applied cutoff, not held, still stored") long recordsOverdue,
            @Schema(description = "Event time of the oldest overdue record") Instant oldestOverdue,
            @Schema(description = "How long the oldest overdue record has been due, in seconds") long purgeLagSeconds,
            @Schema(description = "Records past the cutoff that holds keep (not overdue)") long recordsHeld) {
    }
}
