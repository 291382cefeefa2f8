package hozon.console.gateway;

import java.util.List;
import java.util.Map;

/**
 * What a service answered: its status and its JSON body (maps, lists, strings, numbers), or, for
 * an error, the RFC 9457 problem it sent. {@code status} 0 means the service could not be reached.
 */
@io.quarkus.qute.TemplateData
public record Reply(int status, Object body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The body as an object (empty when it is none). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> map() {
        return body instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The body as a list (empty when it is none). */
    @SuppressWarnings("unchecked")
    public List<Object> list() {
        return body instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** The problem's human sentence, or the status when the service sent none. */
    public String detail() {
        Object d = map().get("detail");
        if (d == null) {
            d = map().get("title");
        }
        return d != null ? d.toString() : status == 0 ? "unavailable" : "HTTP " + status;
    }

    /** The article or Guideline clause a refusal rests on ({@code rule}), if the problem named one. */
    public String rule() {
        Object r = map().get("rule");
        return r == null ? null : r.toString();
    }
}
