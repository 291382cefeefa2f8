package hozon.policy.rest;

import hozon.policy.service.RetentionRuleService;
import hozon.problem.Problem;
import hozon.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

@Path("/api/v1/retention-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Retention rules", description = "Versioned retention rules per category")
public class RetentionRuleResource {

    @Inject
    RetentionRuleService rules;

    @POST
    @RolesAllowed(Roles.POLICY_ADMIN)
    @Operation(summary = "Add a new version of a category's retention rule",
            description = "Rules are never edited: each change is a new version with its own effective-from instant.")
    @APIResponse(responseCode = "201", description = "Created; Location names the new version",
            content = @Content(schema = @Schema(implementation = RetentionRuleView.class)))
    @APIResponse(responseCode = "400", description = "Invalid period, unknown category, purpose outside the category,"
            + " missing field, or refused by the Guideline's norms (type guideline-refusal, with the rule cited)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(
            @RequestBody(content = @Content(examples = @ExampleObject(name = "six months",
                    value = "{\"category\":\"ap.connection-auth\",\"period\":\"P6M\",\"justification\":\"Billing disputes\","
                            + "\"effectiveFrom\":\"2026-04-01T00:00:00+09:00\"}")))
            @NotNull @Valid NewRetentionRule request,
            @Context UriInfo uri) {
        RetentionRuleView created = rules.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created).build();
    }

    @GET
    @RolesAllowed({Roles.POLICY_ADMIN, Roles.AUDITOR, Roles.LEGAL_OFFICER, Roles.PURGE_OPERATOR})
    @Operation(summary = "List rule versions, all or one category's history")
    @APIResponse(responseCode = "200", description = "Versions ordered by category and version")
    public List<RetentionRuleView> list(
            @Parameter(description = "Only this category's history", example = "cp.post") @QueryParam("category")
            String category) {
        return rules.list(category);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.POLICY_ADMIN, Roles.AUDITOR, Roles.LEGAL_OFFICER, Roles.PURGE_OPERATOR})
    @Operation(summary = "Get one rule version")
    @APIResponse(responseCode = "200", description = "The rule version")
    @APIResponse(responseCode = "404", description = "No such rule version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RetentionRuleView get(@PathParam("id") UUID id) {
        return rules.get(id);
    }
}
