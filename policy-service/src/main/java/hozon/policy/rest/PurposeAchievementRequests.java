package hozon.policy.rest;

import hozon.policy.domain.PurposeAchievement;
import hozon.policy.domain.SelectorKind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class PurposeAchievementRequests {

    private PurposeAchievementRequests() {
    }

    @Schema(description = "The purpose is achieved for a subscriber (AP) or account (CP) at an instant,"
            + " e.g. billing settled")
    public record NewAchievement(
            @Schema(examples = "ap.connection-auth") @NotBlank String category,
            @Schema(description = "SUBSCRIBER for AP categories, ACCOUNT for CP categories") @NotNull
            SelectorKind selectorKind,
            @NotBlank @Size(max = 256) String selectorValue,
            @Schema(description = "Records before this instant become due; default: now") OffsetDateTime achievedAt,
            @Schema(examples = "Final invoice settled") @NotBlank @Size(max = 2000) String reason) {
    }

    public record AchievementView(UUID id, String category, SelectorKind selectorKind, Instant achievedAt,
            String reason, String author, Instant createdAt) {
        public static AchievementView of(PurposeAchievement a) {
            return new AchievementView(a.id, a.categoryCode, a.selectorKind, a.achievedAt, a.reason, a.author,
                    a.createdAt);
        }
    }
}
