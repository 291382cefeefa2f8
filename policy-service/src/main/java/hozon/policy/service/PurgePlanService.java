package hozon.policy.service;

import hozon.policy.config.PolicyConfig;
import hozon.policy.domain.LegalHold;
import hozon.policy.domain.LogCategory;
import hozon.policy.domain.PurposeAchievement;
import hozon.policy.domain.RetentionRule;
import hozon.policy.domain.RuleMode;
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
import java.util.TreeSet;

/** Decides, from current policy, what may be deleted as of an instant. */
@ApplicationScoped
public class PurgePlanService {

    @Inject
    Clock clock;

    @Inject
    PolicyConfig config;

    /**
     * @param asOf the instant the plan is for (default now)
     * @param knownAt only rules and purpose achievements recorded by then count (default: now);
     *     purge-service asks for a plan known an hour ago to give operators a grace period to
     *     undo a mistaken rule change. Holds always count as they are now.
     */
    @Transactional
    public PurgePlanView plan(Instant asOf, Instant knownAt) {
        Instant now = clock.instant();
        Instant at = asOf == null ? now : asOf;
        Instant known = knownAt == null ? now : knownAt;
        // Read the holds' revision before the holds: a hold committed in between makes the
        // revision look stale (execution stops, safe), never the other way round.
        long holdsRevision = LegalHold.revision();
        List<PurgePlanView.CategoryCutoff> cutoffs = new ArrayList<>();
        List<String> withoutRule = new ArrayList<>();
        List<PurgePlanView.Achievement> achievements = new ArrayList<>();
        for (LogCategory category : LogCategory.listOrdered()) {
            Optional<RetentionRule> rule = RetentionRule.inForce(category.code, at, known);
            if (rule.isEmpty()) {
                withoutRule.add(category.code);
                continue;
            }
            RetentionRule r = rule.get();
            Instant cutoff = r.retentionPeriod().cutoff(at, config.calendarZone());
            cutoffs.add(new PurgePlanView.CategoryCutoff(category.code, r.id, r.version, r.mode, r.period, cutoff));
            if (r.mode == RuleMode.UNTIL_PURPOSE_ACHIEVED) {
                for (PurposeAchievement a : PurposeAchievement.relevant(category.code, at, cutoff, known)) {
                    achievements.add(new PurgePlanView.Achievement(a.categoryCode, a.selectorKind, a.selectorValue,
                            a.achievedAt));
                }
            }
        }
        List<PurgePlanView.HoldScope> holds = LegalHold.inForce(at).stream().map(PurgePlanService::scope).toList();
        return new PurgePlanView(at, known, clock.instant(), digest(at, known, holdsRevision, cutoffs, holds, achievements),
                holdsRevision, cutoffs, withoutRule, holds, achievements);
    }

    private static PurgePlanView.HoldScope scope(LegalHold h) {
        return new PurgePlanView.HoldScope(h.id, new TreeSet<>(h.categories),
                h.selectors.stream().map(s -> new PurgePlanView.Selector(s.kind, s.value, s.portStart, s.portEnd)).toList(),
                h.windowFrom, h.windowTo, h.effectiveEnd());
    }

    static String digest(Instant asOf, Instant knownAt, long holdsRevision, List<PurgePlanView.CategoryCutoff> cutoffs,
            List<PurgePlanView.HoldScope> holds, List<PurgePlanView.Achievement> achievements) {
        StringBuilder canonical = new StringBuilder("hozon-purge-plan/3\n").append(asOf).append('|').append(knownAt)
                .append('|').append(holdsRevision).append('\n');
        for (PurgePlanView.CategoryCutoff c : cutoffs) {
            canonical.append("C|").append(c.category()).append('|').append(c.ruleId()).append('|')
                    .append(c.ruleVersion()).append('|').append(c.mode()).append('|').append(c.cutoff()).append('\n');
        }
        for (PurgePlanView.HoldScope h : holds) {
            canonical.append("H|").append(h.holdId()).append('|').append(h.categories()).append('|')
                    .append(h.windowFrom()).append('|').append(h.windowTo()).append('|').append(h.until());
            for (PurgePlanView.Selector s : h.selectors()) {
                canonical.append('|').append(s.kind()).append(':').append(s.value()).append(':')
                        .append(s.portStart()).append('-').append(s.portEnd());
            }
            canonical.append('\n');
        }
        for (PurgePlanView.Achievement a : achievements) {
            canonical.append("A|").append(a.category()).append('|').append(a.selectorKind()).append('|')
                    .append(a.selectorValue()).append('|').append(a.achievedAt()).append('\n');
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
