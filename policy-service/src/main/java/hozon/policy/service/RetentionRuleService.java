package hozon.policy.service;

import hozon.policy.domain.LogCategory;
import hozon.policy.domain.RetentionPeriod;
import hozon.policy.domain.RetentionRule;
import hozon.policy.rest.NewRetentionRule;
import hozon.problem.Problem;
import hozon.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RetentionRuleService {

    @Inject
    Clock clock;

    /** Appends a new version; versions of one category are numbered 1, 2, 3 … without gaps. */
    @Transactional
    public RetentionRule create(NewRetentionRule request) {
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
        Instant now = clock.instant();
        RetentionRule rule = new RetentionRule();
        rule.id = UUID.randomUUID();
        rule.categoryCode = category.code;
        rule.version = RetentionRule.latestVersion(category.code) + 1;
        rule.period = parsed.period().iso();
        rule.justification = request.justification();
        rule.effectiveFrom = request.effectiveFrom() == null ? now : request.effectiveFrom().toInstant();
        rule.author = request.author();
        rule.createdAt = now;
        rule.persist();
        return rule;
    }

    @Transactional
    public RetentionRule get(UUID id) {
        RetentionRule r = RetentionRule.findById(id);
        if (r == null) {
            throw ProblemException.notFound("Retention rule", "No retention rule " + id);
        }
        return r;
    }

    @Transactional
    public List<RetentionRule> list(String category) {
        return category == null || category.isBlank() ? RetentionRule.all() : RetentionRule.history(category);
    }
}
