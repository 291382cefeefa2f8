package hozon.policy.service;

import hozon.policy.domain.ApprovalRequest;
import hozon.policy.domain.Finding;
import hozon.policy.domain.GuidelineCheck;
import hozon.policy.domain.LogCategory;
import hozon.policy.domain.RetentionPeriod;
import hozon.policy.domain.RetentionRule;
import hozon.policy.domain.RuleMode;
import hozon.policy.rest.NewRetentionRule;
import hozon.policy.rest.RetentionRuleView;
import hozon.problem.Problem;
import hozon.problem.ProblemException;
import hozon.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class RetentionRuleService {

    /** Findings that mean a rule exceeds the Guideline's norms, so a second policy-admin must approve it. */
    static final Set<String> NEEDS_SECOND_APPROVAL =
            Set.of("AP_OVER_SIX_MONTHS_WITH_BUSINESS_NEED", "AP_EXCEPTIONAL_OVER_ONE_YEAR");

    @Inject
    Clock clock;

    @Inject
    ApprovalService approvals;

    @Inject
    AuditService audit;

    @Inject
    CurrentUser currentUser;

    /** Appends a new version; versions of one category are numbered 1, 2, 3 … without gaps. */
    @Transactional
    public RetentionRuleView create(NewRetentionRule request) {
        RetentionPeriod.Parsed parsed = RetentionPeriod.parse(request.period());
        if (parsed.error() != null) {
            throw new ProblemException(new Problem("invalid-period", "Invalid retention period", 400, parsed.error())
                    .withError(Problem.FieldError.of("period", parsed.error())));
        }
        // Lock the category row so that concurrent creations get consecutive versions.
        LogCategory category = LogCategory.findById(request.category(), LockModeType.PESSIMISTIC_WRITE);
        if (category == null) {
            throw new ProblemException(new Problem("unknown-category", "Unknown category", 400,
                    "No log category '" + request.category() + "' is registered")
                    .withError(Problem.FieldError.of("category", "not a registered category")));
        }
        Set<String> allowed = category.purposes.stream().map(p -> p.code).collect(Collectors.toSet());
        Set<String> purposes = request.purposes() == null || request.purposes().isEmpty()
                ? new TreeSet<>(allowed) : new TreeSet<>(request.purposes());
        if (!allowed.containsAll(purposes)) {
            Set<String> extra = new TreeSet<>(purposes);
            extra.removeAll(allowed);
            throw new ProblemException(new Problem("purpose-not-allowed", "Purpose not allowed", 400,
                    "R1: " + category.code + " is recorded only for " + new TreeSet<>(allowed) + "; not for " + extra)
                    .withError(Problem.FieldError.of("purposes", "not a purpose of " + category.code)));
        }
        RuleMode mode = request.mode() == null ? RuleMode.PERIOD : request.mode();
        boolean exceptional = Boolean.TRUE.equals(request.exceptional());
        GuidelineCheck.Assessment assessment = GuidelineCheck.assess(category.code, category.actor, mode,
                parsed.period(), request.justification(), exceptional);
        if (assessment.refused()) {
            Problem p = new Problem("guideline-refusal", "Refused by the Guideline's norms", 400,
                    assessment.refusals().get(0)).with("rule", "Guideline Art. 38")
                    .with("periodMonths", Math.round(parsed.period().months() * 10) / 10.0);
            assessment.refusals().forEach(r -> p.withError(Problem.FieldError.of("period", r)));
            throw new ProblemException(p);
        }
        Instant now = clock.instant();
        RetentionRule rule = new RetentionRule();
        rule.id = UUID.randomUUID();
        rule.categoryCode = category.code;
        rule.version = RetentionRule.latestVersion(category.code) + 1;
        rule.mode = mode;
        rule.period = parsed.period().iso();
        rule.purposes = purposes;
        rule.justification = request.justification();
        rule.exceptional = exceptional;
        rule.effectiveFrom = request.effectiveFrom() == null ? now : request.effectiveFrom().toInstant();
        rule.author = currentUser.name();
        rule.createdAt = now;
        boolean beyondNorms = assessment.findings().stream().anyMatch(f -> NEEDS_SECOND_APPROVAL.contains(f.code()));
        rule.status = beyondNorms ? RetentionRule.Status.PENDING_APPROVAL : RetentionRule.Status.ACTIVE;
        rule.persist();
        if (beyondNorms) {
            approvals.request(ApprovalRequest.Kind.RULE_ACTIVATION, rule.id, null, null);
        }
        RetentionRuleView view = RetentionRuleView.of(rule, assessment.findings());
        audit.record(currentUser.name(), "RULE_VERSION_CREATED", "RETENTION_RULE", rule.id, null, view);
        return view;
    }

    @Transactional
    public RetentionRuleView get(UUID id) {
        RetentionRule r = RetentionRule.findById(id);
        if (r == null) {
            throw ProblemException.notFound("Retention rule", "No retention rule " + id);
        }
        return view(r);
    }

    @Transactional
    public List<RetentionRuleView> list(String category) {
        List<RetentionRule> rules = category == null || category.isBlank() ? RetentionRule.all()
                : RetentionRule.history(category);
        return rules.stream().map(this::view).toList();
    }

    private RetentionRuleView view(RetentionRule r) {
        LogCategory c = LogCategory.findById(r.categoryCode);
        List<Finding> findings = GuidelineCheck.assess(r.categoryCode, c.actor, r.mode, r.retentionPeriod(),
                r.justification, r.exceptional).findings();
        return RetentionRuleView.of(r, findings);
    }
}
