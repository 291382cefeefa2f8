package hozon.purge.domain;

import com.fasterxml.jackson.databind.JsonNode;
import hozon.purge.client.PurgeOrder;
import hozon.purge.client.PurgePlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The plan a run executes, from two plans of policy-service for the same instant: the current
 * one, and the one as known {@code grace} ago. A record goes only if both say it is due,
 * less the safety margin; purpose achievements count only once they are a grace period old.
 * Holds always come from the current plan: a hold wins at once. Plain Java.
 */
public record AppliedPlan(Instant asOf, String digest, String knownDigest, long holdsRevision,
        List<CategoryCut> categories, List<JsonNode> holds, List<UUID> holdIds, List<JsonNode> purposeAchievements) {

    public record CategoryCut(String category, UUID ruleId, int ruleVersion, String period, Instant planCutoff,
            Instant appliedCutoff) {
    }

    /** The order ingest-service executes (or previews) for this plan. */
    public PurgeOrder toOrder(UUID runId) {
        return new PurgeOrder(runId, digest, asOf, holdsRevision,
                categories.stream().map(c -> new PurgeOrder.Cutoff(c.category(), c.appliedCutoff())).toList(), holds,
                purposeAchievements);
    }

    public static AppliedPlan of(PurgePlan current, PurgePlan known, Duration safetyMargin) {
        Map<String, PurgePlan.CategoryCutoff> earlier = known.categories().stream()
                .collect(Collectors.toMap(PurgePlan.CategoryCutoff::category, Function.identity()));
        List<CategoryCut> cuts = new ArrayList<>();
        for (PurgePlan.CategoryCutoff now : current.categories()) {
            PurgePlan.CategoryCutoff then = earlier.get(now.category());
            if (then == null) {
                continue; // a rule younger than the grace period deletes nothing yet
            }
            Instant cutoff = now.cutoff().isBefore(then.cutoff()) ? now.cutoff() : then.cutoff();
            cuts.add(new CategoryCut(now.category(), now.ruleId(), now.ruleVersion(), now.period(), now.cutoff(),
                    cutoff.minus(safetyMargin)));
        }
        return new AppliedPlan(current.asOf(), current.digest(), known.digest(),
                current.holdsRevision() == null ? -1 : current.holdsRevision(), cuts, current.holdsOrEmpty(),
                current.holdIds(), known.achievementsOrEmpty());
    }
}
