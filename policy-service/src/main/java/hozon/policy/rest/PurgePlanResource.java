package hozon.policy.rest;

import hozon.policy.service.PurgePlanService;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/purge-plan")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Purge plan", description = "The decision: what may be deleted as of an instant")
public class PurgePlanResource {

    @Inject
    PurgePlanService plans;

    @GET
    @RolesAllowed({Roles.SVC_PURGE, Roles.LEGAL_OFFICER})
    @Operation(summary = "Purge plan as of an instant",
            description = "Per category, the cutoff before which records are expired under the rule version in force"
                    + " at asOf. Computed from current policy on every call; nothing is stamped at ingest.")
    @APIResponse(responseCode = "200", description = "The plan",
            content = @Content(schema = @Schema(implementation = PurgePlanView.class)))
    @APIResponse(responseCode = "400", description = "asOf is not an RFC 3339 date-time with offset",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PurgePlanView plan(
            @Parameter(description = "RFC 3339 instant with offset; default: now", example = "2026-11-26T09:00:00+09:00")
            @QueryParam("asOf") String asOf,
            @Parameter(description = "Consider only rules and purpose achievements recorded by this instant;"
                    + " default: now", example = "2026-11-26T08:00:00+09:00") @QueryParam("knownAt") String knownAt) {
        return plans.plan(parseInstant("asOf", asOf), parseInstant("knownAt", knownAt));
    }

    private static Instant parseInstant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name + " must be an RFC 3339 date-time with offset",
                    Problem.FieldError.of(name, "not an RFC 3339 date-time with offset, e.g. 2026-11-26T09:00:00+09:00"));
        }
    }
}
