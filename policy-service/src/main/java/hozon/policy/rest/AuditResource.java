package hozon.policy.rest;

import hozon.policy.service.AuditService;
import hozon.problem.Problem;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Every change to rules, holds, cases and purpose achievements")
public class AuditResource {

    @Inject
    AuditService audit;

    public record AuditView(long id, Instant at, String actor, String action, String entityType, UUID entityId,
            @Schema(description = "State before the change (JSON), absent for creations") String before,
            @Schema(description = "State after the change (JSON)") String after) {
    }

    @GET
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Audit entries, newest first, optionally for one rule, hold or case",
            description = "States of a confidential hold (CCP Art. 197(5)) and comments on its release are redacted"
                    + " for everyone but legal officers: type, status and dates remain.")
    @APIResponse(responseCode = "200", description = "Entries")
    @APIResponse(responseCode = "400", description = "Malformed parameters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<AuditView> list(@Parameter(description = "Id of a rule version, hold, case or achievement")
            @QueryParam("entityId") UUID entityId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return audit.entries(entityId, limit);
    }
}
