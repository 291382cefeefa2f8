package hozon.policy.rest;

import hozon.policy.domain.RetentionRule;
import java.time.Instant;
import java.util.UUID;

/** One stored version of a retention rule. */
public record RetentionRuleView(UUID id, String category, int version, String period, String justification,
        Instant effectiveFrom, String author, Instant createdAt) {

    public static RetentionRuleView of(RetentionRule r) {
        return new RetentionRuleView(r.id, r.categoryCode, r.version, r.period, r.justification, r.effectiveFrom,
                r.author, r.createdAt);
    }
}
