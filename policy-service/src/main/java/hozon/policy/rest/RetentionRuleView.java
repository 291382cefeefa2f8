package hozon.policy.rest;

import hozon.policy.domain.Finding;
import hozon.policy.domain.RetentionRule;
import hozon.policy.domain.RuleMode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One stored version of a retention rule, with what the Guideline says about it. */
public record RetentionRuleView(UUID id, String category, int version, RuleMode mode, String period,
        Set<String> purposes, String justification, boolean exceptional, Instant effectiveFrom, String author,
        Instant createdAt,
        @Schema(description = "ACTIVE, or PENDING_APPROVAL (beyond the Guideline's norms: a second policy-admin must"
                + " approve before it can be in force), or REJECTED") RetentionRule.Status status,
        String approvedBy, Instant approvedAt,
        @Schema(description = "Guideline findings, computed from the rule") List<Finding> findings) {

    public static RetentionRuleView of(RetentionRule r, List<Finding> findings) {
        return new RetentionRuleView(r.id, r.categoryCode, r.version, r.mode, r.period, r.purposes, r.justification,
                r.exceptional, r.effectiveFrom, r.author, r.createdAt, r.status, r.approvedBy, r.approvedAt, findings);
    }
}
