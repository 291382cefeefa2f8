package hozon.ingest.rest;

import hozon.ingest.service.StatsService;
import hozon.problem.Problem;
import hozon.problem.ProblemException;
import hozon.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Statistics", description = "Record volumes per category and day")
public class StatsResource {

    @Inject
    StatsService stats;

    @GET
    @Path("/daily-counts")
    @RolesAllowed({Roles.AUDITOR, Roles.POLICY_ADMIN, Roles.PURGE_OPERATOR})
    @Operation(summary = "Records per category and calendar day (JST)",
            description = "Counts only; no record content. Includes records kept in the preservation area by holds."
                    + " Days with no records are omitted.")
    @APIResponse(responseCode = "200", description = "Counts ordered by category and day")
    @APIResponse(responseCode = "400", description = "Malformed dates or window too long",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<DailyCount> dailyCounts(
            @Parameter(description = "First day (inclusive), ISO date; default: 31 days before 'to'",
                    example = "2026-03-01") @QueryParam("from") String from,
            @Parameter(description = "Last day (exclusive), ISO date; default: tomorrow", example = "2026-04-01")
            @QueryParam("to") String to) throws SQLException {
        return stats.dailyCounts(date("from", from), date("to", to));
    }

    @GET
    @Path("/removed-volumes")
    @RolesAllowed({Roles.AUDITOR, Roles.POLICY_ADMIN, Roles.PURGE_OPERATOR})
    @Operation(summary = "Records removed by purges, per category and JST day of their event time",
            description = "The de-identified remains of deleted records: hourly counts kept when the records went.")
    @APIResponse(responseCode = "200", description = "Counts ordered by category and day")
    @APIResponse(responseCode = "400", description = "Malformed dates or window too long",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<DailyCount> removedVolumes(
            @Parameter(description = "First day (inclusive), ISO date; default: 31 days before 'to'",
                    example = "2026-03-01") @QueryParam("from") String from,
            @Parameter(description = "Last day (exclusive), ISO date; default: tomorrow", example = "2026-04-01")
            @QueryParam("to") String to) throws SQLException {
        return stats.removedVolumes(date("from", from), date("to", to));
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name + " must be an ISO date", Problem.FieldError.of(name, "not a date like 2026-03-01"));
        }
    }
}
