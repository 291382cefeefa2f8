package hozon.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem document. {@code type} is stable per kind of error (clients switch on
 * it); {@code detail} is for humans; {@code errors} lists per-field or per-record reasons
 * where the input was a form or a batch; extension members carry the numbers involved.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "title", "status", "detail", "errors"})
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:hozon:problem:";

    private final URI type;
    private final String title;
    private final int status;
    private final String detail;
    private final List<FieldError> errors = new ArrayList<>();
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
