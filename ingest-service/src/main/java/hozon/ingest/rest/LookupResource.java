package hozon.ingest.rest;

import hozon.ingest.service.LookupService;
import hozon.problem.Problem;
import hozon.security.ReadOnly;
import hozon.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/lookups")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Look-ups", description = "The disclosure chain, under a case policy-service allows, every look-up audited")
public class LookupResource {

    // The queries are validated inside the look-up use case, not here, so that a malformed query
    // or one naming no case is audited like every other attempt before it is refused (400).

    @Inject
    LookupService lookups;

    @POST
    @Path("/ap")
    @RolesAllowed(Roles.LEGAL_OFFICER)
    @Operation(summary = "AP look-up: who had this address (and port) at this instant",
            description = "Searches sessions whose assigned address or delegated prefix contains the address, sessions"
                    + " whose public port range holds the port, and port blocks leading to an inside address. Intervals"
                    + " are start-inclusive and end-exclusive, open sessions have no end, and the configured clock"
                    + " tolerance widens them (reported per candidate).")
    @APIResponse(responseCode = "200", description = "0..n candidates, ambiguity flagged",
            content = @Content(schema = @Schema(implementation = LookupRequests.ApAnswer.class)))
    @APIResponse(responseCode = "400", description = "Malformed query",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The case does not allow this look-up now (reason given), or the"
            + " caller is not a legal officer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The port lies in a MAP-E rule's excluded range (A = 0): no customer"
            + " owns it; the reason names the rule set and the range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "policy-service could not confirm the legal basis: refused",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ReadOnly
    public LookupRequests.ApAnswer ap(@RequestBody(required = true) LookupRequests.ApQuery query) throws SQLException {
        return lookups.ap(query);
    }

    @POST
    @Path("/ap/bulk")
    @Produces(BulkLines.NDJSON)
    @RolesAllowed(Roles.LEGAL_OFFICER)
    @Operation(summary = "Bulk AP look-up: a disclosure order's list of (address, port, instant) under one case",
            description = "Each tuple is looked up exactly as POST /api/v1/lookups/ap would — validated, authorised"
                    + " against the case, audited with its own entry — and answered as one NDJSON line, in the order"
                    + " given, as the tuples are done: {\"index\":i,\"answer\":{…}} or {\"index\":i,\"problem\":{…}}"
                    + " for a tuple refused (the problem a single look-up would have had). At most"
                    + " hozon.ingest.lookup.max-bulk-tuples tuples (default 1000).")
    @APIResponse(responseCode = "200", description = "One line per tuple, in order",
            content = @Content(mediaType = BulkLines.NDJSON, schema = @Schema(implementation = LookupRequests.ApBulkLine.class)))
    @APIResponse(responseCode = "400", description = "No case, no tuples, or too many: nothing was looked up",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ReadOnly
    public Response apBulk(@RequestBody(required = true) LookupRequests.ApBulkQuery query) {
        lookups.checkBulk(query);
        return Response.ok(BulkLines.of(out -> lookups.apBulk(query, out)), BulkLines.NDJSON).build();
    }

    @POST
    @Path("/cp")
    @RolesAllowed(Roles.LEGAL_OFFICER)
    @Operation(summary = "CP look-up: where was this post sent from",
            description = "The post's IP, source port and time; when the post carries no IP, the same account's login,"
                    + " logout or account events nearest before and after it within the configured window.")
    @APIResponse(responseCode = "200", description = "The answer",
            content = @Content(schema = @Schema(implementation = LookupRequests.CpAnswer.class)))
    @APIResponse(responseCode = "400", description = "Malformed query",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The case does not allow this look-up now (reason given), or the"
            + " caller is not a legal officer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "policy-service could not confirm the legal basis: refused",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ReadOnly
    public LookupRequests.CpAnswer cp(@RequestBody(required = true) LookupRequests.CpQuery query) throws SQLException {
        return lookups.cp(query);
    }
}
