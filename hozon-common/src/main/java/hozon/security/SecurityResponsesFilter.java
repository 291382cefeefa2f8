package hozon.security;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents on every API operation the answers the security layer may give before the
 * operation runs: 401 without a valid token, 403 for a role that may not, 429 over the rate
 * limit — all as problem+json.
 */
public class SecurityResponsesFilter implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return operation;
        }
        add(responses, "401", "No valid bearer token");
        add(responses, "403", "The caller's role may not do this");
        add(responses, "429", "Rate limit exceeded; retry after the Retry-After seconds");
        return operation;
    }

    private static void add(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description)
                    .content(OASFactory.createContent().addMediaType("application/problem+json",
                            OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem")))));
        }
    }
}
