package hozon.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

/**
 * An RFC 9457 problem document. {@code type} is stable per kind of error (clients switch on
 * it); {@code detail} is for humans; {@code errors} lists per-field or per-record reasons
 * where the input was a form or a batch; extension members carry the numbers involved.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
// additionalProperties is left unstated (JSON Schema's default: allowed) rather than "true": the Java
// generator turns an explicit "true" into a Map subclass whose typed getters stay empty.
@Schema(name = "Problem", description = "RFC 9457 problem details. Extension members are sent at the top level, next to"
        + " type and title; those listed are the ones hozon sends (a client must ignore others, RFC 9457 §3.2).",
        properties = {
                @SchemaProperty(name = "incident", type = SchemaType.STRING, maxLength = 64,
                        description = "Id to quote to the operator; the server log has the cause under it (500)"),
                @SchemaProperty(name = "retryAfterSeconds", type = SchemaType.INTEGER,
                        description = "When to retry (429, 503); also in the Retry-After header"),
                @SchemaProperty(name = "maxBytes", type = SchemaType.INTEGER, description = "Body size limit (413)"),
                @SchemaProperty(name = "maxRecords", type = SchemaType.INTEGER, description = "Batch size limit"),
                @SchemaProperty(name = "records", type = SchemaType.INTEGER, description = "Records in the refused batch"),
                @SchemaProperty(name = "received", type = SchemaType.INTEGER, description = "NDJSON: lines received"),
                @SchemaProperty(name = "stored", type = SchemaType.INTEGER, description = "NDJSON: records stored"),
                @SchemaProperty(name = "ended", type = SchemaType.INTEGER, description = "NDJSON: sessions ended"),
                @SchemaProperty(name = "duplicates", type = SchemaType.INTEGER, description = "NDJSON: retransmits"),
                @SchemaProperty(name = "rejected", type = SchemaType.INTEGER, description = "NDJSON: lines refused"),
                @SchemaProperty(name = "limitDays", type = SchemaType.INTEGER,
                        description = "The statutory limit a hold request exceeded, in days"),
                @SchemaProperty(name = "requestedDays", type = SchemaType.INTEGER, description = "What was asked, in days"),
                @SchemaProperty(name = "grantedDays", type = SchemaType.INTEGER, description = "What was granted, in days"),
                @SchemaProperty(name = "maxReviewDays", type = SchemaType.INTEGER,
                        description = "Emergency preservation: days until review"),
                @SchemaProperty(name = "minPrefixLength", type = SchemaType.INTEGER,
                        description = "Shortest address prefix a hold may name"),
                @SchemaProperty(name = "rule", type = SchemaType.STRING, maxLength = 200,
                        description = "The article or Guideline clause a refusal rests on"),
                @SchemaProperty(name = "periodMonths", type = SchemaType.NUMBER, description = "A refused period, in months"),
                @SchemaProperty(name = "caseId", type = SchemaType.STRING, format = "uuid",
                        description = "The case a refused look-up named"),
                @SchemaProperty(name = "category", type = SchemaType.STRING, maxLength = 64,
                        description = "The log category involved"),
                @SchemaProperty(name = "conflictsWith", type = SchemaType.STRING, format = "uuid",
                        description = "The attribution rule set this one overlaps"),
                @SchemaProperty(name = "idempotencyKey", type = SchemaType.STRING, maxLength = 200,
                        description = "The Idempotency-Key reused with another body"),
                @SchemaProperty(name = "asOf", type = SchemaType.STRING, format = "date-time",
                        description = "A stale plan's instant"),
                @SchemaProperty(name = "now", type = SchemaType.STRING, format = "date-time",
                        description = "The server's instant when it refused the stale plan")})
@JsonPropertyOrder({"type", "title", "status", "detail", "errors"})
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:hozon:problem:";

    private final URI type;
    private final String title;
    private final int status;
    private final String detail;
    private final List<FieldError> errors = new ArrayList<>();
    @Schema(hidden = true)
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public Problem(String typeSlug, String title, int status, String detail) {
        this.type = URI.create(TYPE_PREFIX + typeSlug);
        this.title = title;
        this.status = status;
        this.detail = detail;
    }

    public Problem withError(FieldError error) {
        errors.add(error);
        return this;
    }

    public Problem withErrors(List<FieldError> more) {
        errors.addAll(more);
        return this;
    }

    /** Adds an extension member, e.g. the numbers a refusal was computed from. */
    public Problem with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public URI getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public int getStatus() {
        return status;
    }

    public String getDetail() {
        return detail;
    }

    public List<FieldError> getErrors() {
        return errors;
    }

    @JsonAnyGetter
    @Schema(hidden = true)
    public Map<String, Object> getExtensions() {
        return extensions;
    }

    /**
     * One reason an input was refused. {@code index} is the record's position in a batch
     * (absent for single objects); {@code field} is a JSON-pointer-like path.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(Integer index, String field, String reason) {
        public static FieldError of(String field, String reason) {
            return new FieldError(null, field, reason);
        }
    }
}
