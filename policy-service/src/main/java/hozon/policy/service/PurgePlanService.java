package hozon.policy.service;

import hozon.policy.config.PolicyConfig;
import hozon.policy.domain.LogCategory;
import hozon.policy.domain.RetentionRule;
import hozon.policy.rest.PurgePlanView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Decides, from current policy, what may be deleted as of an instant. */
@ApplicationScoped
public class PurgePlanService {

    @Inject
    Clock clock;

    @Inject
    PolicyConfig config;

    @Transactional
    public PurgePlanView plan(Instant asOf) {
        Instant at = asOf == null ? clock.instant() : asOf;
        List<PurgePlanView.CategoryCutoff> cutoffs = new ArrayList<>();
        List<String> withoutRule = new ArrayList<>();
        for (LogCategory category : LogCategory.listOrdered()) {
            Optional<RetentionRule> rule = RetentionRule.inForce(category.code, at);
            if (rule.isEmpty()) {
                withoutRule.add(category.code);
                continue;
            }
            RetentionRule r = rule.get();
            cutoffs.add(new PurgePlanView.CategoryCutoff(category.code, r.id, r.version, r.period,
                    r.retentionPeriod().cutoff(at, config.calendarZone())));
        }
        return new PurgePlanView(at, clock.instant(), digest(at, cutoffs), cutoffs, withoutRule);
    }

    static String digest(Instant asOf, List<PurgePlanView.CategoryCutoff> cutoffs) {
        StringBuilder canonical = new StringBuilder("hozon-purge-plan/1\n").append(asOf).append('\n');
        for (PurgePlanView.CategoryCutoff c : cutoffs) {
            canonical.append(c.category()).append('|').append(c.ruleId()).append('|').append(c.ruleVersion())
                    .append('|').append(c.cutoff()).append('\n');
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
