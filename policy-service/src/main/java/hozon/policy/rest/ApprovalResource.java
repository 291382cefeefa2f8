package hozon.policy.rest;

import hozon.policy.domain.ApprovalRequest;
import hozon.policy.service.ApprovalService;
import hozon.problem.Problem;
import hozon.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/approvals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Four-eyes approvals", description = "Rule versions beyond the Guideline's norms and hold releases wait for a"
        + " second, different principal")
public class ApprovalResource {

    @Inject
    ApprovalService approvals;

    public record Decision(@Size(max = 2000) String comment) {
    }

    @GET
    @RolesAllowed({Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER, Roles.AUDITOR})
    @Operation(summary = "Approval requests, newest first, optionally by status")
    @APIResponse(responseCode = "200", description = "Requests")
    @APIResponse(responseCode = "400", description = "limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<ApprovalService.ApprovalView> list(@QueryParam("status") ApprovalRequest.Status status,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return approvals.list(status, limit);
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed({Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER})
    @Operation(summary = "Approve a pending change (a rule version goes into force; a hold is released)")
    @APIResponse(responseCode = "200", description = "Approved and carried out")
    @APIResponse(responseCode = "403", description = "Requested by you (four-eyes), or the change needs another role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already decided",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ApprovalService.ApprovalView approve(@PathParam("id") UUID id, Decision decision) {
        return ApprovalService.ApprovalView.of(approvals.decide(id, true, decision == null ? null : decision.comment()));
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed({Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER})
    @Operation(summary = "Reject a pending change; nothing changes")
    @APIResponse(responseCode = "200", description = "Rejected")
    @APIResponse(responseCode = "403", description = "Requested by you (four-eyes), or the change needs another role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already decided",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ApprovalService.ApprovalView reject(@PathParam("id") UUID id, Decision decision) {
        return ApprovalService.ApprovalView.of(approvals.decide(id, false, decision == null ? null : decision.comment()));
    }
}
