package hozon.policy.rest;

import hozon.policy.domain.HoldType;
import hozon.policy.domain.LegalHold;
import hozon.policy.domain.SelectorKind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies for legal holds. */
public final class HoldRequests {

    private HoldRequests() {
    }

    @Schema(description = "One identifying selector: SUBSCRIBER, ACCOUNT, POST, SESSION ids, or IP (address or prefix,"
            + " optionally with a port range)")
    public record Selector(@NotNull SelectorKind kind, @NotBlank String value, Integer portStart, Integer portEnd) {
    }

    @Schema(description = "A new legal hold. Fields by type — PRESERVATION_REQUEST: authority, officer, documentRef,"
            + " requestDate, days (≤ 30). DELETION_PROHIBITION_ORDER: court, caseNumber, reviewDate."
            + " EMERGENCY_PRESERVATION: reason, reviewDate. OTHER_STATUTE: statute, article, endsAt.")
    public record NewHold(
            @NotNull HoldType type,
            @Schema(description = "Default: now") OffsetDateTime startsAt,
            @Schema(description = "PRESERVATION_REQUEST only: days to preserve, 1..30", examples = "30") Integer days,
            @Schema(description = "OTHER_STATUTE only: explicit end") OffsetDateTime endsAt,
            LocalDate reviewDate,
            @Schema(required = true, description = "Start of the window of event times the hold covers")
            OffsetDateTime windowFrom,
            @Schema(required = true, description = "End (exclusive) of the window") OffsetDateTime windowTo,
            @Schema(required = true, examples = "[\"ap.connection-auth\"]") Set<String> categories,
            @Schema(required = true) List<Selector> selectors,
            @Schema(description = "CCP Art. 197(5): keep the request itself confidential") Boolean confidential,
            String authority, String officer, String documentRef, LocalDate requestDate, String court,
            String caseNumber, String reason, String statute, String article) {
    }

    @Schema(description = "Extend a preservation request (CCP Art. 197(4))")
    public record Extension(@NotNull Integer days, String documentRef) {
    }

    @Schema(description = "End a hold: RELEASED (e.g. the case ended) or WITHDRAWN (the requester withdrew it)")
    public record Release(@NotNull LegalHold.ReleaseKind kind, @NotBlank @Size(max = 2000) String reason) {
    }
}
