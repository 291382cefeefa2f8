package hozon.policy.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What may be deleted as of {@code asOf}: per category, the cutoff before which records are
 * expired, and the rule version that produced it. Categories without a rule in force are
 * listed apart: nothing of theirs is due (deletion fails closed).
 */
@Schema(description = "Purge plan: per category, the instant before which records are expired")
public record PurgePlanView(
        Instant asOf,
        Instant generatedAt,
        @Schema(description = "SHA-256 over asOf and every (category, rule, version, cutoff), hex",
                examples = "3f2a…") String digest,
        List<CategoryCutoff> categories,
        @Schema(description = "Categories with no rule in force at asOf; nothing of theirs is due")
        List<String> withoutRule) {

    public record CategoryCutoff(String category, UUID ruleId, int ruleVersion, String period,
            @Schema(description = "Records with event time strictly before this instant are expired")
            Instant cutoff) {
    }
}
