package hozon.ingest.rest;

import hozon.ingest.service.IngestService;
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
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ingest", description = "JSON batch ingest of AP sessions and CP events")
public class IngestResource {

    @Inject
    IngestService ingest;

    @POST
    @Path("/ap/sessions")
    @RolesAllowed(Roles.FEED)
    @Operation(summary = "Store a batch of AP connection sessions (category ap.connection-auth)",
            description = "The batch is validated as a whole: any invalid record and nothing is stored. A record with"
                    + " the same (address, start, NAS, session id) as a stored one is acknowledged as a duplicate."
                    + " 200 is sent only after commit.")
    @APIResponse(responseCode = "200", description = "Stored (or already stored)",
            content = @Content(schema = @Schema(implementation = Batch.Result.class)))
    @APIResponse(responseCode = "400", description = "Invalid records, each with index, field and reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Too many records or body too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Batch.Result sessions(@RequestBody(content = @Content(examples = @ExampleObject(name = "one session",
            value = "{\"records\":[{\"subscriberId\":\"sub-000123\",\"sessionId\":\"5F3A0001\",\"nasId\":\"bras-tokyo-01\","
                    + "\"assignedAddress\":\"100.64.1.23\",\"publicIp\":\"203.0.113.7\",\"publicPortStart\":1024,"
                    + "\"publicPortEnd\":2047,\"start\":\"2026-03-01T10:00:00+09:00\",\"end\":\"2026-03-01T18:00:00+09:00\"}]}")))
            @NotNull @Valid Batch.ApSessions batch) throws SQLException {
        return ingest.ingestSessions(batch.records());
    }

    @POST
    @Path("/cp/events")
    @RolesAllowed(Roles.FEED)
    @Operation(summary = "Store a batch of CP account, login and post events (categories cp.account, cp.login, cp.post)",
            description = "Validated as a whole; duplicates (same account, time and event id) are acknowledged once."
                    + " 200 is sent only after commit.")
    @APIResponse(responseCode = "200", description = "Stored (or already stored)",
            content = @Content(schema = @Schema(implementation = Batch.Result.class)))
    @APIResponse(responseCode = "400", description = "Invalid records, each with index, field and reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Too many records or body too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Batch.Result cpEvents(@RequestBody(content = @Content(examples = @ExampleObject(name = "a login and a post",
            value = "{\"records\":[{\"kind\":\"LOGIN\",\"eventId\":\"login-1\",\"accountId\":\"acct-42\",\"ip\":\"198.51.100.23\","
                    + "\"sourcePort\":51034,\"occurredAt\":\"2026-03-01T10:00:00.123+09:00\"},"
                    + "{\"kind\":\"POST\",\"eventId\":\"post-8831\",\"accountId\":\"acct-42\",\"ip\":\"198.51.100.23\","
                    + "\"sourcePort\":51090,\"occurredAt\":\"2026-03-01T10:02:13.456+09:00\"}]}")))
            @NotNull @Valid Batch.CpEvents batch) throws SQLException {
        return ingest.ingestCpEvents(batch.records());
    }
}
