package hozon.ingest.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A purge plan from policy-service, as purge-service hands it over for execution. */
@Schema(description = "Purge plan to execute: per category, delete records with event time before the cutoff")
public record PurgeOrder(
        @Schema(description = "Purge run this execution belongs to") @NotNull java.util.UUID runId,
        @Schema(description = "Digest of the policy-service plan") @NotBlank String planDigest,
        @Schema(description = "Instant the plan was computed for") @NotNull OffsetDateTime asOf,
        @NotNull List<@NotNull @Valid Cutoff> cutoffs) {

    public record Cutoff(@NotBlank String category, @NotNull OffsetDateTime cutoff) {
    }
}
