package hozon.ingest.rest;

import hozon.ingest.store.LookupAudit;
import hozon.problem.Problem;
import hozon.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What auditors and the ministry's review read about look-ups: the audit trail and the "logs already gone" counts. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Look-up evidence", description = "Audit of look-ups, and look-ups that came after the logs were deleted")
public class LookupReportResource {

    public record LookupAuditEntry(long id, Instant at, String principal,
            @Schema(description = "Absent when the attempt named no case (refused: no legal basis named)") UUID caseId,
            String lookupKind, String query, String outcome, int resultCount, String reason,
            @Schema(description = "The log categories the look-up searched (empty when refused)") List<String> categories) {
    }

    @Inject
    LookupAudit lookupAudit;

    public record ExpiredCount(String category, String month, long lookups, int minAgeDays, int maxAgeDays) {
    }

    @GET
    @Path("/lookup-audit")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Every look-up attempt, newest first: who, case, query, when, categories searched, outcome and"
            + " result count (never results)",
            description = "Refused attempts are here too: malformed ones, ones naming no case, ones the case does not allow.")
    @APIResponse(responseCode = "200", description = "Entries")
    @APIResponse(responseCode = "400", description = "limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<LookupAuditEntry> audit(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit)
            throws SQLException {
        return lookupAudit.latest(limit).stream().map(e -> new LookupAuditEntry(e.id(), e.at(), e.principal(), e.caseId(),
                e.lookupKind(), e.queryJson(), e.outcome(), e.resultCount(), e.reason(), e.categories())).toList();
    }

    @GET
    @Path("/reports/expired-lookups")
    @RolesAllowed({Roles.AUDITOR, Roles.POLICY_ADMIN})
    @Operation(summary = "Look-ups that found nothing because the logs were already deleted, by category and JST month",
            description = "The evidence the ministry's review of the revised Guideline needs (R9): how often a request"
                    + " came after the retention period, and how old the instant asked about was.")
    @APIResponse(responseCode = "200", description = "Counts")
    public List<ExpiredCount> expired() throws SQLException {
        return lookupAudit.expiredCounts().stream().map(e -> new ExpiredCount(e.category(), e.month(), e.lookups(),
                e.minAgeDays(), e.maxAgeDays())).toList();
    }
}
