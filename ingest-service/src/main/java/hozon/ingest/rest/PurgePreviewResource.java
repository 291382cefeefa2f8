package hozon.ingest.rest;

import hozon.ingest.domain.PurgeOrder;
import hozon.ingest.service.PurgePreviewer;
import hozon.problem.Problem;
import hozon.security.ReadOnly;
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
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Internal: called by purge-service for dry runs and the compliance view. */
@Path("/internal/v1/purge-previews")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Internal: purge execution")
public class PurgePreviewResource {

    @Inject
    PurgePreviewer previewer;

    @POST
    @RolesAllowed(Roles.SVC_PURGE)
    @Operation(summary = "Count what a plan would remove now, deleting nothing")
    @APIResponse(responseCode = "200", description = "Per-category counts",
            content = @Content(schema = @Schema(implementation = PurgePreviewView.class)))
    @APIResponse(responseCode = "400", description = "Malformed order",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ReadOnly
    public PurgePreviewView preview(@NotNull @Valid PurgeOrder order) throws SQLException {
        return previewer.preview(order);
    }
}
