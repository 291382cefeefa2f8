package hozon.policy.rest;

import hozon.policy.domain.CaseType;
import hozon.policy.domain.LegalCase;
import hozon.policy.domain.LookupKind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies and views for cases, the legal bases of look-ups. */
public final class CaseRequests {

    private CaseRequests() {
    }

    @Schema(description = "A new case")
    public record NewCase(
            @NotNull CaseType type,
            @Schema(description = "Warrant number, case number or request reference", examples = "令和8年(モ)第1234号")
            @NotBlank @Size(max = 200) String reference,
            @Schema(description = "Court, authority or requester", examples = "Tokyo District Court") @NotBlank
            @Size(max = 200) String issuer,
            @Schema(description = "What the case is about; required for SERVICE_PROTECTION") @Size(max = 4000)
            String description,
            @Schema(description = "Default: now") OffsetDateTime validFrom,
            @Schema(required = true) @NotNull OffsetDateTime validTo,
            @Schema(required = true) @NotEmpty Set<LookupKind> lookups,
            @Schema(required = true) @NotEmpty Set<String> categories) {
    }

    @Schema(description = "Close a case: no look-up may cite it afterwards")
    public record Close(@NotBlank @Size(max = 2000) String reason) {
    }

    @Schema(description = "May this case run this look-up now?")
    public record DecisionRequest(@NotNull UUID caseId, @NotNull LookupKind lookup,
            @Schema(description = "The category the look-up reads", examples = "ap.connection-auth") String category) {
    }

    @Schema(description = "The decision, with its reason")
    public record Decision(UUID caseId, boolean allowed, String reason, Instant decidedAt,
            @Schema(description = "For an allowed look-up: the end of the case's validity. A caller may rely on the"
                    + " decision briefly but never beyond this instant") Instant validUntil,
            @Schema(description = "The case's type (absent when no case is recorded)") CaseType caseType,
            @Schema(description = "For an allowed look-up: whether its answer may carry items of infringement-related"
                    + " communications (specified sender information, Platform Act Art. 5(1)(iii))")
            Boolean relatedCommunications,
            @Schema(description = "Why those items may or may not be given under this case type")
            String relatedCommunicationsReason) {
    }

    public record CaseView(UUID id, CaseType type, String reference, String issuer, String description,
            Instant validFrom, Instant validTo, Instant closedAt, Set<LookupKind> lookups, Set<String> categories,
            String author, Instant createdAt) {
        public static CaseView of(LegalCase c) {
            return new CaseView(c.id, c.type, c.reference, c.issuer, c.description, c.validFrom, c.validTo, c.closedAt,
                    Set.copyOf(c.lookups), Set.copyOf(c.categories), c.author, c.createdAt);
        }
    }
}
