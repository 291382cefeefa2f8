package hozon.purge.rest;

import hozon.problem.Problem;
import hozon.purge.service.Ledger;
import hozon.purge.service.PreviewService;
import hozon.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Evidence", description = "Compliance view and the tamper-evident ledger")
public class ComplianceResource {

    @Inject
    PreviewService previews;

    @Inject
    Ledger ledger;

    @GET
    @Path("/compliance")
    @RolesAllowed({Roles.AUDITOR, Roles.PURGE_OPERATOR})
    @Operation(summary = "Promptness as numbers: records overdue and purge lag per category",
            description = "The same numbers as the Prometheus gauges hozon_records_overdue and hozon_purge_lag_seconds,"
                    + " which purge-service recomputes on its own every hozon.purge.metrics.interval.")
    @APIResponse(responseCode = "200", description = "The view",
            content = @Content(schema = @Schema(implementation = ComplianceView.class)))
    @APIResponse(responseCode = "503", description = "policy-service or ingest-service unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ComplianceView compliance() {
        return previews.compliance();
    }

    public record LedgerEntryView(long seq, UUID runId, Instant recordedAt, String prevHash, String hash, String entry) {
    }

    @GET
    @Path("/ledger")
    @RolesAllowed({Roles.AUDITOR, Roles.PURGE_OPERATOR})
    @Operation(summary = "Ledger entries, newest first")
    @APIResponse(responseCode = "200", description = "Entries")
    @APIResponse(responseCode = "400", description = "limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<LedgerEntryView> ledger(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(1000) int limit) {
        return ledger.latest(limit).stream()
                .map(e -> new LedgerEntryView(e.seq, e.runId, e.recordedAt, e.prevHash, e.hash, e.entry)).toList();
    }

    @GET
    @Path("/ledger/verification")
    @RolesAllowed({Roles.AUDITOR, Roles.PURGE_OPERATOR})
    @Operation(summary = "Recompute the hash chain and report the first broken link")
    @APIResponse(responseCode = "200", description = "valid, or the sequence number of the first entry that does not hold",
            content = @Content(schema = @Schema(implementation = Ledger.Verification.class)))
    public Ledger.Verification verify() {
        return ledger.verify();
    }
}
