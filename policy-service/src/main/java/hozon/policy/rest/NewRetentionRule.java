package hozon.policy.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request to add a new version of a category's retention rule. */
@Schema(description = "A new version of a category's retention rule")
public record NewRetentionRule(
        @Schema(examples = "ap.connection-auth") @NotBlank String category,
        @Schema(description = "ISO-8601 date-based period (years, months, days), counted in the JST calendar",
                examples = "P6M") @NotBlank String period,
        @Schema(description = "Why this period is the minimum necessary for the category's purposes",
                examples = "Billing disputes are raised within 6 months") @Size(max = 4000) String justification,
        @Schema(description = "When this version takes effect (RFC 3339 with offset); default: now",
                examples = "2026-04-01T00:00:00+09:00") OffsetDateTime effectiveFrom,
        @Schema(description = "Who made the change, until authentication supplies it",
                examples = "compliance@example.jp") @NotBlank @Size(max = 200) String author) {
}
