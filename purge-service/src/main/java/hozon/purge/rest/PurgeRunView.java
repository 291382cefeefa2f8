package hozon.purge.rest;

import hozon.purge.domain.PurgeRun;
import hozon.purge.domain.PurgeRunCategory;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A purge run: the plan it executed, what it removed per category, and its outcome")
public record PurgeRunView(UUID id, PurgeRun.Trigger trigger, PurgeRun.Outcome outcome,
        @Schema(description = "Why the run failed; present only for FAILED runs") String failureReason,
        Instant startedAt, Instant finishedAt, Instant planAsOf, String planDigest,
        @Schema(description = "Digest of the plan as known a grace period before planAsOf") String knownPlanDigest,
        long rowsRemoved,
        @Schema(description = "Holds in force when the plan was made; their records were kept") Set<UUID> holdsHonoured,
        List<CategoryResult> categories) {

    @Schema(description = "One category of a run. Counts only: no deleted identifier is ever kept")
    public record CategoryResult(String category, UUID ruleId, int ruleVersion, String period, Instant planCutoff,
            @Schema(description = "planCutoff minus the configured safety margin") Instant appliedCutoff,
            int partitionsDropped,
            @Schema(description = "Every row removed in this category") long rowsDeleted,
            @Schema(description = "Of which removed because their purpose was achieved") long rowsDeletedForPurpose,
            @Schema(description = "Of which left the preservation area (their holds ended)") long rowsReleased,
            @Schema(description = "Rows past the cutoff kept because a hold protects them") long rowsHeld,
            @Schema(description = "Day keys ingest-service destroyed (crypto-shredding): key id@JST day@when")
            List<String> keysDestroyed) {

        static CategoryResult of(PurgeRunCategory c) {
            return new CategoryResult(c.key.category, c.ruleId, c.ruleVersion, c.period, c.planCutoff, c.appliedCutoff,
                    c.partitionsDropped, c.rowsDeleted, c.rowsDeletedForPurpose, c.rowsReleased, c.rowsHeld,
                    c.keysDestroyed == null || c.keysDestroyed.isEmpty() ? List.of()
                            : List.of(c.keysDestroyed.split(",")));
        }
    }

    public static PurgeRunView of(PurgeRun r) {
        List<CategoryResult> cats = r.categories.stream().map(CategoryResult::of)
                .sorted(Comparator.comparing(CategoryResult::category)).toList();
        return new PurgeRunView(r.id, r.trigger, r.outcome, r.failureReason, r.startedAt, r.finishedAt, r.planAsOf,
                r.planDigest, r.knownPlanDigest, cats.stream().mapToLong(CategoryResult::rowsDeleted).sum(), Set.copyOf(r.holdsHonoured), cats);
    }
}
