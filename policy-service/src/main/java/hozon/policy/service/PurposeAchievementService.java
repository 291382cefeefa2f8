package hozon.policy.service;

import hozon.policy.domain.Actor;
import hozon.policy.domain.LogCategory;
import hozon.policy.domain.PurposeAchievement;
import hozon.policy.domain.Refusal;
import hozon.policy.domain.RetentionRule;
import hozon.policy.domain.SelectorKind;
import hozon.policy.rest.PurposeAchievementRequests;
import hozon.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Records "purpose achieved" events; the purge plan turns them into deletions (R3). */
@ApplicationScoped
public class PurposeAchievementService {

    @Inject
    Clock clock;

    @Inject
    AuditService audit;

    @Inject
    CurrentUser currentUser;

    @Transactional
    public PurposeAchievementRequests.AchievementView record(PurposeAchievementRequests.NewAchievement r) {
        Instant now = clock.instant();
        LogCategory c = LogCategory.findById(r.category());
        if (c == null) {
            Refusals.throwIf(Refusal.of("unknown-category", "category", "R3", "no log category '" + r.category()
                    + "' is registered"), 400);
        }
        SelectorKind expected = c.actor == Actor.AP ? SelectorKind.SUBSCRIBER : SelectorKind.ACCOUNT;
        if (r.selectorKind() != expected) {
            Refusals.throwIf(Refusal.of("invalid-selector", "selectorKind", "R3", c.code + " records are selected by "
                    + expected + ", not " + r.selectorKind()), 400);
        }
        Instant achieved = r.achievedAt() == null ? now : r.achievedAt().toInstant();
        if (achieved.isAfter(now)) {
            Refusals.throwIf(Refusal.of("invalid-time", "achievedAt", "R3",
                    "a purpose is achieved when it happens, not in advance (" + achieved + " is after now)"), 400);
        }
        // R3: an achievement only ends retention under a rule that is bound to its purpose; for a
        // fixed period it would change nothing, and storing it would suggest otherwise. A
        // purpose-bound version in force now or scheduled later is enough.
        if (!RetentionRule.purposeBoundNowOrLater(c.code, now)) {
            RetentionRule rule = RetentionRule.inForce(c.code, now, now).orElse(null);
            Refusals.throwIf(Refusal.of("not-purpose-bound", "category", "R3", rule == null
                    ? "no retention rule of mode UNTIL_PURPOSE_ACHIEVED is in force or scheduled for " + c.code
                            + ": an achievement would not end any retention"
                    : c.code + "'s rule in force (version " + rule.version + ", " + rule.mode + " " + rule.period
                            + ") is not bound to a purpose, and none is scheduled: an achievement would not end any"
                            + " retention"), 422);
        }
        PurposeAchievement a = new PurposeAchievement();
        a.id = UUID.randomUUID();
        a.categoryCode = c.code;
        a.selectorKind = r.selectorKind();
        a.selectorValue = r.selectorValue();
        a.achievedAt = achieved;
        a.reason = r.reason();
        a.author = currentUser.name();
        a.createdAt = now;
        a.persist();
        PurposeAchievementRequests.AchievementView view = PurposeAchievementRequests.AchievementView.of(a);
        audit.record(currentUser.name(), "PURPOSE_ACHIEVED", "PURPOSE_ACHIEVEMENT", a.id, null, view);
        return view;
    }
}
