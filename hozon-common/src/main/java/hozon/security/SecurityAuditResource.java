package hozon.security;

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
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every service's security audit trail, for auditors. */
@Path("/api/v1/security-audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AUDITOR)
@Tag(name = "Security audit", description = "Every write and every denied request to this service, hash-chained")
public class SecurityAuditResource {

    @Inject
    AuditTrail trail;

    @GET
    @Operation(summary = "Security audit entries, newest first")
    @APIResponse(responseCode = "200", description = "Entries")
    public List<AuditTrail.Entry> entries(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit)
            throws SQLException {
        return trail.latest(limit);
    }

    public record Verification(boolean valid, Long firstBrokenSeq) {
    }

    @GET
    @Path("/verification")
    @Operation(summary = "Recompute the audit trail's hash chain")
    @APIResponse(responseCode = "200", description = "valid, or the first broken link")
    public Verification verify() throws SQLException {
        Long broken = trail.firstBrokenLink();
        return new Verification(broken == null, broken);
    }
}
