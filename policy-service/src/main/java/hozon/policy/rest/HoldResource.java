package hozon.policy.rest;

import hozon.policy.service.ApprovalService;
import hozon.policy.service.HoldService;
import hozon.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import hozon.problem.Problem;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/holds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Legal holds", description = "Preservation requests, deletion-prohibition orders, emergency preservation,"
        + " other statutes: a hold always beats deletion while it lasts")
public class HoldResource {

    private static final String PROBLEM_400 = "Refused: the problem names the statute or rule and the numbers involved";

    @Inject
    HoldService holds;

    @POST
    @RolesAllowed(Roles.LEGAL_OFFICER)
    @Operation(summary = "Place a legal hold")
    @APIResponse(responseCode = "201", description = "Placed; Location names it",
            content = @Content(schema = @Schema(implementation = HoldView.class)))
    @APIResponse(responseCode = "400", description = PROBLEM_400,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@RequestBody(content = @Content(examples = @ExampleObject(name = "preservation request",
            value = "{\"type\":\"PRESERVATION_REQUEST\",\"days\":30,\"authority\":\"Tokyo District Public Prosecutors Office\","
                    + "\"officer\":\"Prosecutor Sato\",\"documentRef\":\"2026-保-123\",\"requestDate\":\"2026-11-20\","
                    + "\"windowFrom\":\"2026-10-01T00:00:00+09:00\",\"windowTo\":\"2026-11-01T00:00:00+09:00\","
                    + "\"categories\":[\"ap.connection-auth\"],\"selectors\":[{\"kind\":\"IP\",\"value\":\"203.0.113.7\","
                    + "\"portStart\":1024,\"portEnd\":2047}],\"confidential\":true}")))
            @NotNull @Valid HoldRequests.NewHold request, @Context UriInfo uri) {
        HoldView h = holds.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(h.id().toString()).build()).entity(h).build();
    }

    @GET
    @RolesAllowed({Roles.LEGAL_OFFICER, Roles.AUDITOR})
    @Operation(summary = "List holds, newest first, or only those in force",
            description = "Confidential holds (CCP Art. 197(5)) are shown in detail only to legal officers; others see"
                    + " that they exist.")
    @APIResponse(responseCode = "200", description = "Holds")
    @APIResponse(responseCode = "400", description = "limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<HoldView> list(@Parameter(description = "Only holds in force now") @QueryParam("inForce") boolean inForce,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return holds.list(inForce, limit);
    }

    public record HoldsRevision(
            @Schema(description = "Changes with every committed change to any hold") long revision) {
    }

    @GET
    @Path("/revision")
    @RolesAllowed({Roles.SVC_INGEST, Roles.SVC_PURGE, Roles.LEGAL_OFFICER})
    @Operation(summary = "The holds revision",
            description = "ingest-service compares it with the plan's before each deletion commits, so that a hold"
                    + " placed after the plan was made still wins.")
    @APIResponse(responseCode = "200", description = "The current revision")
    public HoldsRevision revision() {
        return new HoldsRevision(holds.revision());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.LEGAL_OFFICER, Roles.AUDITOR})
    @Operation(summary = "One hold with its extensions and state",
            description = "A confidential hold is shown in detail only to legal officers.")
    @APIResponse(responseCode = "200", description = "The hold")
    @APIResponse(responseCode = "404", description = "No such hold",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HoldView get(@PathParam("id") UUID id) {
        return holds.get(id);
    }

    @POST
    @Path("/{id}/extensions")
    @RolesAllowed(Roles.LEGAL_OFFICER)
    @Operation(summary = "Extend a preservation request",
            description = "CCP Art. 197(4): at most 30 days at a time, never beyond 60 days in total.")
    @APIResponse(responseCode = "200", description = "Extended")
    @APIResponse(responseCode = "400", description = PROBLEM_400,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such hold",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not extendable (other type, released or ended)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HoldView extend(@PathParam("id") UUID id, @NotNull @Valid HoldRequests.Extension request) {
        return holds.extend(id, request);
    }

    @POST
    @Path("/{id}/release")
    @RolesAllowed(Roles.LEGAL_OFFICER)
    @Operation(summary = "Ask to release or withdraw a hold (four-eyes)",
            description = "Creates an approval request; the hold stays in force until a second, different legal officer"
                    + " approves it (POST /api/v1/approvals/{id}/approve). From then on its records follow the normal"
                    + " rule again: on the next purge run they go if due.")
    @APIResponse(responseCode = "202", description = "Release requested; the body is the pending approval request",
            content = @Content(schema = @Schema(implementation = ApprovalService.ApprovalView.class)))
    @APIResponse(responseCode = "404", description = "No such hold",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already ended, or a release is already waiting for approval",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response release(@PathParam("id") UUID id, @NotNull @Valid HoldRequests.Release request) {
        return Response.accepted(ApprovalService.ApprovalView.of(holds.requestRelease(id, request))).build();
    }
}
