package hozon.ingest.rest;

import hozon.ingest.domain.PortBlockEventRecord;
import hozon.ingest.domain.CpEventRecord;
import hozon.ingest.domain.ApSessionRecord;
import com.fasterxml.jackson.databind.ObjectMapper;
import hozon.ingest.feed.BodyLimitFilter;
import hozon.ingest.feed.Feeds;
import hozon.ingest.feed.NdjsonIngest;
import hozon.ingest.service.IngestService;
import hozon.ingest.service.RecordValidator;
import hozon.problem.Problem;
import hozon.problem.ProblemException;
import hozon.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
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
@Consumes({MediaType.APPLICATION_JSON, BodyLimitFilter.NDJSON})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ingest", description = "AP sessions, CGNAT port blocks and CP events: JSON batches and NDJSON streams")
public class IngestResource {

    private static final String KEY_DOC = "Optional. The first successful answer for this key is kept for a day and"
            + " replayed (header Idempotent-Replayed: true) for a retry with the same body; another body with the same"
            + " key is refused with 422.";
    private static final String BATCH_DOC = " JSON batch (application/json, {\"records\":[…]}): validated as a whole, one"
            + " invalid record and nothing is stored (400, each error with record index, field and reason). NDJSON"
            + " (application/x-ndjson): one record per line, read and committed in chunks in bounded memory; invalid"
            + " lines are refused and listed (400 with index = 0-based line number, and the counts), every other line"
            + " is stored. A record already stored is a duplicate, acknowledged once. The answer is sent only after"
            + " commit.";

    @Inject
    IngestService ingest;

    @Inject
    RecordValidator validator;

    @Inject
    NdjsonIngest ndjson;

    @Inject
    Feeds feeds;

    @Inject
    ObjectMapper json;

    @POST
    @Path("/ap/sessions")
    @RolesAllowed(Roles.FEED)
    @Operation(operationId = "IngestResource_sessions", summary = "Store AP connection sessions (category ap.connection-auth)",
            description = "A session sent open and later with its end gets the end; a closed session is never reopened"
                    + " or changed." + BATCH_DOC)
    @APIResponse(responseCode = "200", description = "Stored (or already stored)",
            content = @Content(schema = @Schema(implementation = Batch.Result.class)))
    @APIResponse(responseCode = "400", description = "Invalid records or lines, each with index, field and reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Too many records or body too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body, or category not registered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Overloaded, or categories not yet known: retry after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response sessions(
            @Parameter(in = ParameterIn.HEADER, description = KEY_DOC) @HeaderParam("Idempotency-Key") String key,
            @Context HttpHeaders headers,
            @RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Batch.ApSessions.class),
                            examples = @ExampleObject(name = "one session", value = "{\"records\":[{\"subscriberId\":"
                                    + "\"sub-000123\",\"sessionId\":\"5F3A0001\",\"nasId\":\"bras-tokyo-01\",\"assignedAddress\":"
                                    + "\"100.64.1.23\",\"publicIp\":\"203.0.113.7\",\"publicPortStart\":1024,\"publicPortEnd\":2047,"
                                    + "\"start\":\"2026-03-01T10:00:00+09:00\",\"end\":\"2026-03-01T18:00:00+09:00\"}]}")),
                    @Content(mediaType = BodyLimitFilter.NDJSON, schema = @Schema(implementation = ApSessionRecord.class))})
            InputStream body) throws SQLException, IOException {
        return feed(key, headers, "ap/sessions", body, Batch.ApSessions.class, Batch.ApSessions::records,
                ApSessionRecord.class, ingest::ingestSessions, validator::sessionErrors, ingest::storeSessions);
    }

    @POST
    @Path("/ap/port-blocks")
    @RolesAllowed(Roles.FEED)
    @Operation(operationId = "IngestResource_portBlocks",
            summary = "Store CGNAT port-block allocations and releases (category ap.nat-port-block); syslog-ng's http()"
                    + " destination posts NDJSON here",
            description = "Events are applied in event-time order: an allocation opens a block (and ends a still-open block"
                    + " of the same public ports), a release ends the open block it names; repeated or late events never"
                    + " reopen or duplicate a block. The syslog-ng mapping is in the README." + BATCH_DOC)
    @APIResponse(responseCode = "200", description = "Applied (stored = blocks opened, ended = blocks closed)",
            content = @Content(schema = @Schema(implementation = Batch.Result.class)))
    @APIResponse(responseCode = "400", description = "Invalid records or lines, each with index, field and reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Too many records or body too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body, or category not registered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Overloaded, or categories not yet known: retry after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response portBlocks(
            @Parameter(in = ParameterIn.HEADER, description = KEY_DOC) @HeaderParam("Idempotency-Key") String key,
            @Context HttpHeaders headers,
            @RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Batch.PortBlockEvents.class),
                            examples = @ExampleObject(name = "an allocation", value = "{\"records\":[{\"event\":\"allocate\","
                                    + "\"deviceId\":\"cgn-tokyo-01\",\"insideIp\":\"100.64.12.34\",\"publicIp\":\"203.0.113.7\","
                                    + "\"portStart\":1024,\"portEnd\":2047,\"occurredAt\":\"2026-03-01T10:00:00.123+09:00\"}]}")),
                    @Content(mediaType = BodyLimitFilter.NDJSON, schema = @Schema(implementation = PortBlockEventRecord.class))})
            InputStream body) throws SQLException, IOException {
        return feed(key, headers, "ap/port-blocks", body, Batch.PortBlockEvents.class, Batch.PortBlockEvents::records,
                PortBlockEventRecord.class, ingest::ingestPortBlocks, validator::portBlockErrors, ingest::storePortBlocks);
    }

    @POST
    @Path("/cp/events")
    @RolesAllowed(Roles.FEED)
    @Operation(operationId = "IngestResource_cpEvents",
            summary = "Store CP account, login and post events (categories cp.account, cp.login, cp.post)",
            description = "Duplicates (same account, time and event id) are acknowledged once." + BATCH_DOC)
    @APIResponse(responseCode = "200", description = "Stored (or already stored)",
            content = @Content(schema = @Schema(implementation = Batch.Result.class)))
    @APIResponse(responseCode = "400", description = "Invalid records or lines, each with index, field and reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Too many records or body too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body, or category not registered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Overloaded, or categories not yet known: retry after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response cpEvents(
            @Parameter(in = ParameterIn.HEADER, description = KEY_DOC) @HeaderParam("Idempotency-Key") String key,
            @Context HttpHeaders headers,
            @RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Batch.CpEvents.class),
                            examples = @ExampleObject(name = "a login and a post", value = "{\"records\":[{\"kind\":\"LOGIN\","
                                    + "\"eventId\":\"login-1\",\"accountId\":\"acct-42\",\"ip\":\"198.51.100.23\",\"sourcePort\":51034,"
                                    + "\"occurredAt\":\"2026-03-01T10:00:00.123+09:00\"},{\"kind\":\"POST\",\"eventId\":\"post-8831\","
                                    + "\"accountId\":\"acct-42\",\"ip\":\"198.51.100.23\",\"sourcePort\":51090,"
                                    + "\"occurredAt\":\"2026-03-01T10:02:13.456+09:00\"}]}")),
                    @Content(mediaType = BodyLimitFilter.NDJSON, schema = @Schema(implementation = CpEventRecord.class))})
            InputStream body) throws SQLException, IOException {
        return feed(key, headers, "cp/events", body, Batch.CpEvents.class, Batch.CpEvents::records, CpEventRecord.class,
                ingest::ingestCpEvents, validator::cpErrors, ingest::storeCpEvents);
    }

    /**
     * One feed, two framings: an NDJSON stream goes through {@link NdjsonIngest} chunk by chunk;
     * a JSON batch is parsed whole (bounded by the body limit) and stored atomically.
     */
    private <B, T> Response feed(String key, HttpHeaders headers, String endpoint, InputStream body, Class<B> batchType,
            Function<B, List<T>> records, Class<T> recordType, NdjsonIngest.Store<T> atomic,
            Function<List<T>, List<Problem.FieldError>> check, NdjsonIngest.Store<T> chunk)
            throws SQLException, IOException {
        MediaType type = headers.getMediaType();
        if (type != null && BodyLimitFilter.NDJSON.equals(type.getType() + "/" + type.getSubtype())) {
            return feeds.stream(key, endpoint, () -> ndjson.ingest(body, recordType, NdjsonIngest.Chunk.of(check, chunk)));
        }
        B batch = json.readerFor(batchType).readValue(body);
        List<T> list = batch == null ? null : records.apply(batch);
        if (list == null || list.isEmpty()) {
            throw ProblemException.invalid("A batch carries at least one record",
                    Problem.FieldError.of("records", "must not be empty"));
        }
        return feeds.batch(key, endpoint, () -> atomic.store(list));
    }
}
