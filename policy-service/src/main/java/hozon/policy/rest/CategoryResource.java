package hozon.policy.rest;

import hozon.policy.service.CategoryService;
import hozon.problem.Problem;
import hozon.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/categories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Categories", description = "Registered log categories and their business purposes")
public class CategoryResource {

    @Inject
    CategoryService categories;

    @GET
    @RolesAllowed({Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER, Roles.AUDITOR, Roles.PURGE_OPERATOR, Roles.FEED, Roles.SVC_INGEST})
    @Operation(summary = "List the registered log categories with their purposes")
    @APIResponse(responseCode = "200", description = "All categories, ordered by code")
    public List<CategoryView> list() {
        return categories.list().stream().map(CategoryView::of).toList();
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER, Roles.AUDITOR, Roles.PURGE_OPERATOR, Roles.FEED, Roles.SVC_INGEST})
    @Operation(summary = "Get one log category")
    @APIResponse(responseCode = "200", description = "The category")
    @APIResponse(responseCode = "404", description = "No such category",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CategoryView get(@PathParam("code") String code) {
        return CategoryView.of(categories.get(code));
    }
}
