package hozon.ingest.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A purge plan from policy-service, as purge-service hands it over for execution. Unknown
 * fields are refused here on purpose: a hold field this version does not understand could
 * narrow what it protects, so such a plan deletes nothing (fail closed) until ingest-service
 * is upgraded.
 */
@Schema(description = "Purge plan to execute: per category, delete records with event time before the cutoff, never"
        + " what a hold protects; delete records of selectors whose purpose is achieved")
public record PurgeOrder(
        @Schema(description = "Purge run this execution belongs to") @NotNull UUID runId,
        @Schema(description = "Digest of the policy-service plan") @NotBlank String planDigest,
        @Schema(description = "Instant the plan was computed for") @NotNull OffsetDateTime asOf,
        @Schema(description = "policy-service's holds revision when the plan was made; if it differs at execution,"
                + " nothing more is deleted") @NotNull Long holdsRevision,
        @NotNull List<@NotNull @Valid Cutoff> cutoffs,
        @Schema(description = "Holds in force: their records are never deleted") List<@NotNull @Valid Hold> holds,
        @Schema(description = "Selectors whose purpose is achieved (UNTIL_PURPOSE_ACHIEVED categories only)")
        List<@NotNull @Valid Achievement> purposeAchievements) {

    public List<Hold> holdsOrEmpty() {
        return holds == null ? List.of() : holds;
    }

    public List<Achievement> achievementsOrEmpty() {
        return purposeAchievements == null ? List.of() : purposeAchievements;
    }

    public record Cutoff(@NotBlank String category, @NotNull OffsetDateTime cutoff) {
    }

    public record Hold(@NotNull UUID holdId, @NotNull Set<String> categories, @NotNull List<@NotNull @Valid Selector> selectors,
            @NotNull OffsetDateTime windowFrom, @NotNull OffsetDateTime windowTo,
            @Schema(description = "When the hold ends, if known (informational: the plan already holds only holds in force)")
            OffsetDateTime until) {
    }

    public record Selector(@NotNull SelectorKind kind, @NotBlank String value, Integer portStart, Integer portEnd) {
    }

    public record Achievement(@NotBlank String category, @NotNull SelectorKind selectorKind,
            @NotBlank String selectorValue, @NotNull OffsetDateTime achievedAt) {
    }

    public enum SelectorKind {
        SUBSCRIBER,
        ACCOUNT,
        POST,
        SESSION,
        IP
    }
}
