package hozon.policy.rest;

import hozon.policy.domain.RuleMode;
import hozon.policy.domain.SelectorKind;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What may be deleted as of {@code asOf}: per category, the cutoff before which records are
 * expired and the rule version that produced it; the holds in force, whose records are never
 * due; and, for UNTIL_PURPOSE_ACHIEVED categories, the selectors whose purpose is achieved.
 * Categories without a rule in force are listed apart: nothing of theirs is due.
 */
@Schema(description = "Purge plan: per category, the instant before which records are expired, minus what holds protect")
public record PurgePlanView(
        Instant asOf,
        @Schema(description = "Only rules and purpose achievements recorded by this instant were considered")
        Instant knownAt,
        Instant generatedAt,
        @Schema(description = "SHA-256 (hex) over asOf, knownAt, the holds revision, every cutoff, hold and achievement")
        String digest,
        @Schema(description = "Changes with every change to any hold; ingest-service compares it before each deletion"
                + " commits") long holdsRevision,
        List<CategoryCutoff> categories,
        @Schema(description = "Categories with no rule in force at asOf; nothing of theirs is due")
        List<String> withoutRule,
        @Schema(description = "Holds in force at asOf: records in their scope are never deleted") List<HoldScope> holds,
        @Schema(description = "Selectors whose purpose is achieved, for UNTIL_PURPOSE_ACHIEVED categories")
        List<Achievement> purposeAchievements) {

    public record CategoryCutoff(String category, UUID ruleId, int ruleVersion, RuleMode mode, String period,
            @Schema(description = "Records with event time strictly before this instant are expired (the cap, for"
                    + " UNTIL_PURPOSE_ACHIEVED)") Instant cutoff) {
    }

    public record HoldScope(UUID holdId, Set<String> categories, List<Selector> selectors, Instant windowFrom,
            Instant windowTo, @Schema(description = "When the hold ends, if known") Instant until) {
    }

    public record Selector(SelectorKind kind, String value, Integer portStart, Integer portEnd) {
    }

    public record Achievement(String category, SelectorKind selectorKind, String selectorValue, Instant achievedAt) {
    }
}
