package hozon.policy.rest;

import hozon.policy.service.PurposeAchievementService;
import hozon.problem.Problem;
import hozon.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/purpose-achievements")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Purpose achieved", description = "Ends retention under UNTIL_PURPOSE_ACHIEVED rules")
public class PurposeAchievementResource {

    @Inject
    PurposeAchievementService achievements;

    @POST
    @RolesAllowed(Roles.POLICY_ADMIN)
    @Operation(summary = "Record that the purpose is achieved for a subscriber or account",
            description = "For categories whose rule in force is UNTIL_PURPOSE_ACHIEVED, the selector's records before"
                    + " achievedAt become due on the next purge run (unless held). The selector value is never echoed.")
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(schema = @Schema(implementation = PurposeAchievementRequests.AchievementView.class)))
    @APIResponse(responseCode = "400", description = "Unknown category, wrong selector kind, time in the future",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The category's rule is not bound to a purpose (neither the version in"
            + " force nor a scheduled one is UNTIL_PURPOSE_ACHIEVED): nothing recorded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response record(@NotNull @Valid PurposeAchievementRequests.NewAchievement request) {
        return Response.status(Response.Status.CREATED).entity(achievements.record(request)).build();
    }
}
