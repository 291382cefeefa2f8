package hozon.policy.rest;

import hozon.policy.service.CaseService;
import hozon.problem.Problem;
import hozon.security.ReadOnly;
import hozon.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Cases", description = "Legal bases for look-ups: warrants, disclosure and provision orders, disclosure"
        + " requests, service protection")
public class CaseResource {

    @Inject
    CaseService cases;

    @POST
    @Path("/cases")
    @RolesAllowed(Roles.LEGAL_OFFICER)
    @Operation(summary = "Record a case")
    @APIResponse(responseCode = "201", description = "Recorded; Location names it",
            content = @Content(schema = @Schema(implementation = CaseRequests.CaseView.class)))
    @APIResponse(responseCode = "400", description = "Invalid case",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull @Valid CaseRequests.NewCase request, @Context UriInfo uri) {
        CaseRequests.CaseView c = cases.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(c.id().toString()).build()).entity(c).build();
    }

    @GET
    @Path("/cases")
    @RolesAllowed({Roles.LEGAL_OFFICER, Roles.AUDITOR})
    @Operation(summary = "List cases, newest first")
    @APIResponse(responseCode = "200", description = "Cases")
    @APIResponse(responseCode = "400", description = "limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<CaseRequests.CaseView> list(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return cases.list(limit);
    }

    @GET
    @Path("/cases/{id}")
    @RolesAllowed({Roles.LEGAL_OFFICER, Roles.AUDITOR})
    @Operation(summary = "One case")
    @APIResponse(responseCode = "200", description = "The case")
    @APIResponse(responseCode = "404", description = "No such case",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CaseRequests.CaseView get(@PathParam("id") UUID id) {
        return cases.get(id);
    }

    @POST
    @Path("/cases/{id}/close")
    @RolesAllowed(Roles.LEGAL_OFFICER)
    @Operation(summary = "Close a case; look-ups citing it are denied from now on")
    @APIResponse(responseCode = "200", description = "Closed")
    @APIResponse(responseCode = "404", description = "No such case",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CaseRequests.CaseView close(@PathParam("id") UUID id, @NotNull @Valid CaseRequests.Close request) {
        return cases.close(id, request);
    }

    @POST
    @Path("/case-decisions")
    @RolesAllowed({Roles.SVC_INGEST, Roles.LEGAL_OFFICER})
    @Operation(summary = "May case C run look-up Q now?",
            description = "Allow or deny with the reason. Unknown, closed, not-yet-valid or expired cases and look-ups"
                    + " outside the case's scope are denied.")
    @APIResponse(responseCode = "200", description = "The decision",
            content = @Content(schema = @Schema(implementation = CaseRequests.Decision.class)))
    @APIResponse(responseCode = "400", description = "Malformed request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ReadOnly
    public CaseRequests.Decision decide(@NotNull @Valid CaseRequests.DecisionRequest request) {
        return cases.decide(request);
    }
}
