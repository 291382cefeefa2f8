package hozon.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import hozon.ingest.client.CategoryCache;
import hozon.ingest.config.IngestConfig;
import hozon.ingest.metrics.IngestMetrics;
import hozon.ingest.radius.AccountingPacket;
import hozon.ingest.radius.RadiusJson;
import hozon.ingest.radius.RadiusSessions;
import hozon.ingest.store.RecordKind;
import hozon.problem.Problem;
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
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/radius")
@Tag(name = "RADIUS accounting", description = "FreeRADIUS rlm_rest accounting: one Accounting-Request per call")
public class RadiusResource {

    @Inject
    IngestMetrics metrics;

    @Inject
    RadiusSessions sessions;

    @Inject
    CategoryCache categories;

    @Inject
    IngestConfig config;

    @Inject
    Clock clock;

    @POST
    @Path("/accounting")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(Problem.MEDIA_TYPE)
    @RolesAllowed(Roles.FEED)
    @Operation(summary = "Store one RADIUS Accounting-Request as FreeRADIUS rlm_rest posts it",
            description = "Either JSON shape: rlm_rest's {\"Attr\":{\"type\":…,\"value\":[…]}} or json_encode's flat"
                    + " {\"Attr\":\"value\"}. Kept: User-Name, Acct-Session-Id, Acct-Multi-Session-Id, NAS-IP-Address,"
                    + " NAS-Identifier, Framed-IP-Address, Framed-IPv6-Prefix, Delegated-IPv6-Prefix, Calling-Station-Id,"
                    + " Acct-Terminate-Cause, with Acct-Status-Type, Event-Timestamp, Acct-Delay-Time and Acct-Session-Time"
                    + " for the interval; every other attribute is dropped. Start / Interim-Update / Stop of one (NAS,"
                    + " Acct-Session-Id) form one interval per address; Accounting-On/Off ends the NAS's open sessions; a"
                    + " closed session is never reopened. Answers 204 after commit (rlm_rest: ok); a retransmit is"
                    + " answered 204 and stores nothing new. Concurrent packets share a commit (group commit).")
    @APIResponse(responseCode = "204", description = "Committed (or already stored)")
    @APIResponse(responseCode = "400", description = "Invalid attributes, each named with its reason; nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than hozon.ingest.max-json-body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Category ap.connection-auth not registered at policy-service",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Overloaded (too many packets waiting for a group commit),"
            + " the commit not confirmed in time (the packet may be stored: send it again), or categories not yet known:"
            + " retry after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response accounting(@RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT,
            description = "RADIUS attributes by name, each a value, an array of values, or {type, value}"), examples = {
            @ExampleObject(name = "rlm_rest default", value = "{\"Acct-Status-Type\":{\"type\":\"integer\",\"value\":[\"Start\"]},"
                    + "\"User-Name\":{\"type\":\"string\",\"value\":[\"sub-000123\"]},\"Acct-Session-Id\":{\"type\":\"string\","
                    + "\"value\":[\"5F3A0001\"]},\"NAS-Identifier\":{\"type\":\"string\",\"value\":[\"bras-tokyo-01\"]},"
                    + "\"Framed-IP-Address\":{\"type\":\"ipaddr\",\"value\":[\"100.64.1.23\"]},"
                    + "\"Event-Timestamp\":{\"type\":\"date\",\"value\":[\"Mar  5 2026 10:00:00 UTC\"]}}"),
            @ExampleObject(name = "json_encode flat", value = "{\"Acct-Status-Type\":\"Stop\",\"User-Name\":\"sub-000123\","
                    + "\"Acct-Session-Id\":\"5F3A0001\",\"NAS-Identifier\":\"bras-tokyo-01\",\"Framed-IP-Address\":\"100.64.1.23\","
                    + "\"Acct-Session-Time\":3600,\"Acct-Terminate-Cause\":\"User-Request\","
                    + "\"Event-Timestamp\":\"Mar  5 2026 11:00:00 UTC\"}")})) JsonNode body) throws SQLException {
        Instant received = clock.instant();
        AccountingPacket packet = RadiusJson.parse(body, received, config.maxFutureSkew());
        categories.require(RecordKind.AP_SESSION);
        sessions.apply(packet, received);
        metrics.accepted(IngestMetrics.RADIUS, RecordKind.AP_SESSION.category());
        metrics.seen(IngestMetrics.RADIUS, packet.nasId());
        return Response.noContent().build();
    }
}
