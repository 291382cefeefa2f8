package hozon.ingest.rest;

import hozon.ingest.domain.PurgeExecutionView;
import hozon.ingest.domain.PurgeOrder;
import hozon.ingest.service.PurgeExecutor;
import hozon.problem.Problem;
import hozon.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Internal: called by purge-service only. Executes a plan; decides nothing. */
@Path("/internal/v1/purge-executions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Internal: purge execution", description = "For purge-service: execute a plan from policy-service")
public class PurgeExecutionResource {

    @Inject
    PurgeExecutor executor;

    @POST
    @RolesAllowed(Roles.SVC_PURGE)
    @Operation(summary = "Execute a purge plan",
            description = "Drops day partitions wholly before each category's cutoff and deletes earlier rows of the"
                    + " day holding it, never what a hold protects (copied to the preservation area first). Before each"
                    + " deleting transaction commits, policy-service confirms that no hold changed since the plan;"
                    + " otherwise the execution stops (completed=false). Idempotent: executing the same plan again"
                    + " removes nothing more.")
    @APIResponse(responseCode = "200", description = "What was removed, per category",
            content = @Content(schema = @Schema(implementation = PurgeExecutionView.class)))
    @APIResponse(responseCode = "400", description = "Malformed order",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Stale plan or cutoff after the plan instant; nothing deleted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PurgeExecutionView execute(@NotNull @Valid PurgeOrder order) throws SQLException {
        return executor.execute(order);
    }

    @GET
    @Path("/{runId}")
    @RolesAllowed(Roles.SVC_PURGE)
    @Operation(summary = "What a run removed so far, from the execution log",
            description = "Read after a failed or interrupted run: the log is written by each deleting transaction,"
                    + " so these counts are exactly what went.")
    @APIResponse(responseCode = "200", description = "Per-category counts (empty when the run removed nothing)",
            content = @Content(schema = @Schema(implementation = PurgeExecutionView.class)))
    public PurgeExecutionView summary(@PathParam("runId") UUID runId) throws SQLException {
        return executor.summary(runId);
    }
}
