package hozon.ingest.rest;

import hozon.ingest.feed.BodyLimitFilter;
import hozon.ingest.feed.Feeds;
import hozon.ingest.feed.NdjsonIngest;
import hozon.ingest.service.IngestService;
import hozon.ingest.service.RecordValidator;
import hozon.problem.Problem;
import hozon.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Feeds of records: each endpoint takes a JSON batch ({@code application/json}, refused whole
 * if any record is invalid) or an NDJSON stream ({@code application/x-ndjson}, one record per
 * line, invalid lines refused and listed, the rest stored). Both answer only after commit and
 * accept an {@code Idempotency-Key}.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ingest", description = "AP sessions, CGNAT port blocks and CP events: JSON batches and NDJSON streams")
public class IngestResource {

    private static final String KEY_DOC = "Optional. The first successful answer for this key is kept for a day and"
            + " replayed (header Idempotent-Replayed: true) for a retry with the same body; another body with the same"
            + " key is refused with 422.";
    private static final String BATCH_DOC = " JSON batch: validated as a whole, one invalid record and nothing is stored"
            + " (400, each error with record index, field and reason). NDJSON (application/x-ndjson): one record per"
            + " line, read and committed in chunks in bounded memory; invalid lines are refused and listed (400 with"
            + " index = 0-based line number, and the counts), every other line is stored. A record already stored is a"
            + " duplicate, acknowledged once. The answer is sent only after commit.";

    @Inject
    IngestService ingest;

    @Inject
    RecordValidator validator;

    @Inject
    NdjsonIngest ndjson;

    @Inject
    Feeds feeds;

    @POST
    @Path("/ap/sessions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FEED)
    @Operation(operationId = "IngestResource_sessions", summary = "Store AP connection sessions (category ap.connection-auth)",
            description = "A session sent open and later with its end gets the end; a closed session is never reopened"
                    + " or changed." + BATCH_DOC)
    @APIResponse(responseCode = "200", description = "Stored (or already stored)",
            content = @Content(schema = @Schema(implementation = Batch.Result.class)))
    @APIResponse(responseCode = "400", description = "Invalid records, each with index, field and reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Too many records or body too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body, or category not registered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Overloaded, or categories not yet known: retry after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response sessions(
            @Parameter(in = ParameterIn.HEADER, description = KEY_DOC) @HeaderParam("Idempotency-Key") String key,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "one session",
                    value = "{\"records\":[{\"subscriberId\":\"sub-000123\",\"sessionId\":\"5F3A0001\",\"nasId\":\"bras-tokyo-01\","
                            + "\"assignedAddress\":\"100.64.1.23\",\"publicIp\":\"203.0.113.7\",\"publicPortStart\":1024,"
                            + "\"publicPortEnd\":2047,\"start\":\"2026-03-01T10:00:00+09:00\",\"end\":\"2026-03-01T18:00:00+09:00\"}]}")))
            @NotNull @Valid Batch.ApSessions batch) throws SQLException, IOException {
        return feeds.batch(key, "ap/sessions", () -> ingest.ingestSessions(batch.records()));
    }

    @POST
    @Path("/ap/sessions")
    @Consumes(BodyLimitFilter.NDJSON)
    @RolesAllowed(Roles.FEED)
    @Operation(operationId = "IngestResource_sessionsStream", summary = "Stream AP connection sessions as NDJSON",
            description = "One ApSessionRecord per line." + BATCH_DOC)
    @APIResponse(responseCode = "200", description = "Every line stored (or already stored)",
            content = @Content(schema = @Schema(implementation = Batch.Result.class)))
    @APIResponse(responseCode = "400", description = "Some lines refused (listed with their line index); the others stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than hozon.ingest.max-ndjson-body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body, or category not registered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Overloaded, or categories not yet known: retry after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response sessionsStream(
            @Parameter(in = ParameterIn.HEADER, description = KEY_DOC) @HeaderParam("Idempotency-Key") String key,
            @RequestBody(content = @Content(mediaType = BodyLimitFilter.NDJSON,
                    schema = @Schema(implementation = ApSessionRecord.class))) InputStream body)
            throws SQLException, IOException {
        return feeds.stream(key, "ap/sessions", () -> ndjson.ingest(body, ApSessionRecord.class,
                NdjsonIngest.Chunk.of(validator::sessionErrors, ingest::storeSessions)));
    }

    @POST
    @Path("/ap/port-blocks")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FEED)
    @Operation(operationId = "IngestResource_portBlocks",
            summary = "Store CGNAT port-block allocations and releases (category ap.nat-port-block)",
            description = "Events are applied in event-time order: an allocation opens a block (and ends a still-open block"
                    + " of the same public ports), a release ends the open block it names; repeated or late events never"
                    + " reopen or duplicate a block." + BATCH_DOC)
    @APIResponse(responseCode = "200", description = "Applied (stored = blocks opened, ended = blocks closed)",
            content = @Content(schema = @Schema(implementation = Batch.Result.class)))
    @APIResponse(responseCode = "400", description = "Invalid records, each with index, field and reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Too many records or body too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body, or category not registered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Overloaded, or categories not yet known: retry after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response portBlocks(
            @Parameter(in = ParameterIn.HEADER, description = KEY_DOC) @HeaderParam("Idempotency-Key") String key,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "an allocation",
                    value = "{\"records\":[{\"event\":\"allocate\",\"deviceId\":\"cgn-tokyo-01\",\"insideIp\":\"100.64.12.34\","
                            + "\"publicIp\":\"203.0.113.7\",\"portStart\":1024,\"portEnd\":2047,"
                            + "\"occurredAt\":\"2026-03-01T10:00:00.123+09:00\"}]}")))
            @NotNull @Valid Batch.PortBlockEvents batch) throws SQLException, IOException {
        return feeds.batch(key, "ap/port-blocks", () -> ingest.ingestPortBlocks(batch.records()));
    }

    @POST
    @Path("/ap/port-blocks")
    @Consumes(BodyLimitFilter.NDJSON)
    @RolesAllowed(Roles.FEED)
    @Operation(operationId = "IngestResource_portBlocksStream",
            summary = "Stream CGNAT port-block events as NDJSON (also what syslog-ng's http() destination sends)",
            description = "One PortBlockEventRecord per line; the syslog-ng mapping is in the README." + BATCH_DOC)
    @APIResponse(responseCode = "200", description = "Every line applied",
            content = @Content(schema = @Schema(implementation = Batch.Result.class)))
    @APIResponse(responseCode = "400", description = "Some lines refused (listed with their line index); the others applied",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than hozon.ingest.max-ndjson-body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body, or category not registered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Overloaded, or categories not yet known: retry after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response portBlocksStream(
            @Parameter(in = ParameterIn.HEADER, description = KEY_DOC) @HeaderParam("Idempotency-Key") String key,
            @RequestBody(content = @Content(mediaType = BodyLimitFilter.NDJSON,
                    schema = @Schema(implementation = PortBlockEventRecord.class))) InputStream body)
            throws SQLException, IOException {
        return feeds.stream(key, "ap/port-blocks", () -> ndjson.ingest(body, PortBlockEventRecord.class,
                NdjsonIngest.Chunk.of(validator::portBlockErrors, ingest::storePortBlocks)));
    }

    @POST
    @Path("/cp/events")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FEED)
    @Operation(operationId = "IngestResource_cpEvents",
            summary = "Store CP account, login and post events (categories cp.account, cp.login, cp.post)",
            description = "Duplicates (same account, time and event id) are acknowledged once." + BATCH_DOC)
    @APIResponse(responseCode = "200", description = "Stored (or already stored)",
            content = @Content(schema = @Schema(implementation = Batch.Result.class)))
    @APIResponse(responseCode = "400", description = "Invalid records, each with index, field and reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Too many records or body too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body, or category not registered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Overloaded, or categories not yet known: retry after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response cpEvents(
            @Parameter(in = ParameterIn.HEADER, description = KEY_DOC) @HeaderParam("Idempotency-Key") String key,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "a login and a post",
                    value = "{\"records\":[{\"kind\":\"LOGIN\",\"eventId\":\"login-1\",\"accountId\":\"acct-42\",\"ip\":\"198.51.100.23\","
                            + "\"sourcePort\":51034,\"occurredAt\":\"2026-03-01T10:00:00.123+09:00\"},"
                            + "{\"kind\":\"POST\",\"eventId\":\"post-8831\",\"accountId\":\"acct-42\",\"ip\":\"198.51.100.23\","
                            + "\"sourcePort\":51090,\"occurredAt\":\"2026-03-01T10:02:13.456+09:00\"}]}")))
            @NotNull @Valid Batch.CpEvents batch) throws SQLException, IOException {
        return feeds.batch(key, "cp/events", () -> ingest.ingestCpEvents(batch.records()));
    }

    @POST
    @Path("/cp/events")
    @Consumes(BodyLimitFilter.NDJSON)
    @RolesAllowed(Roles.FEED)
    @Operation(operationId = "IngestResource_cpEventsStream", summary = "Stream CP events as NDJSON",
            description = "One CpEventRecord per line." + BATCH_DOC)
    @APIResponse(responseCode = "200", description = "Every line stored (or already stored)",
            content = @Content(schema = @Schema(implementation = Batch.Result.class)))
    @APIResponse(responseCode = "400", description = "Some lines refused (listed with their line index); the others stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than hozon.ingest.max-ndjson-body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body, or category not registered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Overloaded, or categories not yet known: retry after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response cpEventsStream(
            @Parameter(in = ParameterIn.HEADER, description = KEY_DOC) @HeaderParam("Idempotency-Key") String key,
            @RequestBody(content = @Content(mediaType = BodyLimitFilter.NDJSON,
                    schema = @Schema(implementation = CpEventRecord.class))) InputStream body)
            throws SQLException, IOException {
        return feeds.stream(key, "cp/events", () -> ndjson.ingest(body, CpEventRecord.class,
                NdjsonIngest.Chunk.of(validator::cpErrors, ingest::storeCpEvents)));
    }
}
