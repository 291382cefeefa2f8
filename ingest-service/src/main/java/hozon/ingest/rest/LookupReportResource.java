package hozon.ingest.rest;

import hozon.problem.Problem;
import hozon.security.Roles;
import io.agroal.api.AgroalDataSource;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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

    @Inject
    AgroalDataSource dataSource;

    public record LookupAuditEntry(long id, Instant at, String principal, UUID caseId, String lookupKind, String query,
            String outcome, int resultCount, String reason) {
    }

    public record ExpiredCount(String category, String month, long lookups, int minAgeDays, int maxAgeDays) {
    }

    @GET
    @Path("/lookup-audit")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Every look-up, newest first: who, case, query, when, outcome and result count (never results)")
    @APIResponse(responseCode = "200", description = "Entries")
    @APIResponse(responseCode = "400", description = "limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<LookupAuditEntry> audit(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit)
            throws SQLException {
        List<LookupAuditEntry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select id, at, principal,"
                + " case_id, lookup_kind, query::text, outcome, result_count, reason from lookup_audit order by id desc limit ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LookupAuditEntry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getInt(8), rs.getString(9)));
                }
            }
        }
        return out;
    }

    @GET
    @Path("/reports/expired-lookups")
    @RolesAllowed({Roles.AUDITOR, Roles.POLICY_ADMIN})
    @Operation(summary = "Look-ups that found nothing because the logs were already deleted, by category and JST month",
            description = "The evidence the ministry's review of the revised Guideline needs (R9): how often a request"
                    + " came after the retention period, and how old the instant asked about was.")
    @APIResponse(responseCode = "200", description = "Counts")
    public List<ExpiredCount> expired() throws SQLException {
        List<ExpiredCount> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select category,"
                + " to_char(at at time zone 'Asia/Tokyo', 'YYYY-MM') as month, count(*), min(age_days), max(age_days)"
                + " from expired_lookup group by category, month order by category, month")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ExpiredCount(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getInt(5)));
                }
            }
        }
        return out;
    }
}
