package hozon.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Query and path parameters obey the same text rule as JSON strings: no C0 control character
 * (PostgreSQL refuses NUL in text; none belongs in a parameter). Refused with a 400 naming the
 * parameter before any resource runs, instead of failing deeper down.
 */
public class RequestTextFilter {

    @ServerRequestFilter(preMatching = true)
    public Response refuseControlCharacters(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (hasControl(path)) {
            return reject("(path)", "the path contains a control character");
        }
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (hasControl(e.getKey())) {
                return reject("(query)", "a query parameter name contains a control character");
            }
            for (String v : e.getValue()) {
                if (hasControl(v)) {
                    return reject(e.getKey(), "control characters are not allowed");
                }
            }
        }
        return null;
    }

    static boolean hasControl(String s) {
        if (s == null) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static Response reject(String field, String reason) {
        return ProblemMappers.toResponse(new Problem("invalid-parameter", "Invalid parameter", 400,
                field + ": " + reason).withError(Problem.FieldError.of(field, reason)));
    }
}
