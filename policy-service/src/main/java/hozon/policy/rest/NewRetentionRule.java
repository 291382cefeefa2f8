package hozon.policy.rest;

import hozon.policy.domain.RuleMode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request to add a new version of a category's retention rule. */
@Schema(description = "A new version of a category's retention rule")
public record NewRetentionRule(
        @Schema(examples = "ap.connection-auth") @NotBlank String category,
        @Schema(description = "PERIOD (default): kept for the period. UNTIL_PURPOSE_ACHIEVED: deleted once the purpose"
                + " is achieved for a subscriber or account, never later than the period (the cap)")
        RuleMode mode,
        @Schema(description = "ISO-8601 date-based period (years, months, days) counted in the JST calendar; the cap"
                + " for UNTIL_PURPOSE_ACHIEVED", examples = "P6M") @NotBlank String period,
        @Schema(description = "Purpose codes this version serves; default: all of the category's purposes",
                examples = "[\"BILLING\"]") Set<String> purposes,
        @Schema(description = "Why this period is the minimum necessary for the purposes; required above six months"
                + " for AP logs", examples = "Billing disputes are raised within 6 months") @Size(max = 4000)
        String justification,
        @Schema(description = "Marks a period beyond the Guideline's one-year norm for AP logs as exceptional")
        Boolean exceptional,
        @Schema(description = "When this version takes effect (RFC 3339 with offset); default: now",
                examples = "2026-04-01T00:00:00+09:00") OffsetDateTime effectiveFrom) {
}
