package hozon.purge.rest;

import hozon.problem.Problem;
import hozon.purge.config.PurgeConfig;
import hozon.purge.domain.PurgeRun;
import hozon.purge.service.Ledger;
import hozon.purge.service.PreviewService;
import hozon.purge.service.PurgeRunStore;
import hozon.purge.service.PurgeRunner;
import hozon.security.ReadOnly;
import hozon.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/purge-runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Purge runs", description = "Trigger purges and read their records")
public class PurgeRunResource {

    @Inject
    PurgeRunner runner;

    @Inject
    PurgeRunStore runs;

    @Inject
    PurgeConfig config;

    @Inject
    PreviewService previews;

    @Inject
    Ledger ledger;

    @POST
    @RolesAllowed(Roles.PURGE_OPERATOR)
    @Operation(summary = "Run a purge now",
            description = "Fetches a fresh plan from policy-service and has ingest-service execute it, synchronously."
                    + " The run is recorded whatever its outcome: a FAILED run (e.g. policy-service down) deleted"
                    + " nothing and says why.")
    @APIResponse(responseCode = "201", description = "The run, finished; Location names it",
            content = @Content(schema = @Schema(implementation = PurgeRunView.class)))
    @APIResponse(responseCode = "409", description = "A run is already in progress",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response trigger(@Context UriInfo uri) {
        PurgeRunView run = PurgeRunView.of(runner.run(PurgeRun.Trigger.MANUAL));
        return Response.created(uri.getAbsolutePathBuilder().path(run.id().toString()).build()).entity(run).build();
    }

    @POST
    @Path("/preview")
    @RolesAllowed(Roles.PURGE_OPERATOR)
    @Operation(summary = "Dry run: what a run would remove now",
            description = "Fetches the same plans a run would and has ingest-service count, per category, the partitions"
                    + " that would be dropped and the rows that would go or be held. Deletes nothing, records no run.")
    @APIResponse(responseCode = "200", description = "The preview",
            content = @Content(schema = @Schema(implementation = PreviewView.class)))
    @APIResponse(responseCode = "503", description = "policy-service or ingest-service unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ReadOnly
    public PreviewView preview() {
        return previews.preview();
    }

    @GET
    @Path("/{id}/receipt")
    @RolesAllowed({Roles.AUDITOR, Roles.PURGE_OPERATOR})
    @Operation(summary = "The run's ledger receipt, for an auditor to keep",
            description = "The exact entry text that was hashed, its hash and the previous hash: anyone can recompute"
                    + " SHA-256(prevHash + \"\\n\" + entry) and compare with later verifications.")
    @APIResponse(responseCode = "200", description = "The receipt")
    @APIResponse(responseCode = "404", description = "No such run, or it is still running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Ledger.Receipt receipt(@PathParam("id") UUID id) {
        return ledger.receipt(id);
    }

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.PURGE_OPERATOR})
    @Operation(summary = "The latest purge runs, newest first")
    @APIResponse(responseCode = "200", description = "Runs")
    @APIResponse(responseCode = "400", description = "limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<PurgeRunView> list(
            @Parameter(description = "How many runs (1..100)") @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100)
            int limit) {
        return runs.latest(Math.min(limit, config.maxListedRuns())).stream().map(PurgeRunView::of).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AUDITOR, Roles.PURGE_OPERATOR})
    @Operation(summary = "One purge run")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "404", description = "No such run",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PurgeRunView get(@PathParam("id") UUID id) {
        return PurgeRunView.of(runs.get(id));
    }
}
