package hozon.security;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * Completes every API operation's description of its security: the bearer-token requirement
 * (roles are not OAuth scopes, so they move from the requirement into the description, where
 * a reader finds them), and the answers the security layer may give before the operation
 * runs: 401 without a valid token, 403 for a role that may not, 429 over the rate limit.
 * Every 4xx and 5xx an operation may answer is described as {@code application/problem+json}
 * (what {@link hozon.problem.ProblemMappers} sends), including the ones the framework adds
 * itself (400 for a malformed body, 413/415 for bodies, 500 with an incident id).
 * Also states every string's bound: a string without a smaller {@code maxLength} gets the one
 * the strict JSON reader enforces for all ({@link hozon.json.StrictJson}).
 */
public class SecurityResponsesFilter implements OASFilter {

    private static final String SCHEME = "SecurityScheme";

    @Override
    public Operation filterOperation(Operation operation) {
        List<String> roles = new ArrayList<>();
        if (operation.getSecurity() != null) {
            for (SecurityRequirement r : operation.getSecurity()) {
                if (r.getSchemes() != null) {
                    r.getSchemes().values().forEach(roles::addAll);
                }
            }
            operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(SCHEME)));
        }
        String description = operation.getDescription() == null || operation.getDescription().isBlank()
                ? operation.getSummary() + "." : operation.getDescription();
        if (!roles.isEmpty()) {
            description += " Allowed roles: " + String.join(", ", roles) + ".";
        }
        operation.setDescription(description);
        APIResponses responses = operation.getResponses();
        if (responses != null && !roles.isEmpty()) {
            add(responses, "401", "No valid bearer token");
            add(responses, "403", "The caller's role may not do this");
            add(responses, "429", "Rate limit exceeded; retry after the Retry-After seconds");
        }
        if (responses != null && operation.getRequestBody() != null) {
            add(responses, "400", "The body is not valid (the errors list each reason)");
            add(responses, "413", "The body exceeds the size limit (maxBytes)");
            add(responses, "415", "The body's media type is not one this operation reads");
        }
        if (responses != null) {
            add(responses, "500", "Unexpected error; quote the incident id to the operator");
            responses.getAPIResponses().forEach((code, response) -> {
                if ((code.startsWith("4") || code.startsWith("5")) && response.getRef() == null) {
                    asProblem(response);
                }
            });
        }
        return operation;
    }

    @Override
    public org.eclipse.microprofile.openapi.models.media.Schema filterSchema(
            org.eclipse.microprofile.openapi.models.media.Schema schema) {
        boolean string = schema.getType() != null
                && schema.getType().contains(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING);
        boolean bounded = schema.getMaxLength() != null || schema.getEnumeration() != null
                || schema.getFormat() != null && java.util.Set.of("date", "date-time", "uuid").contains(schema.getFormat());
        if (string && !bounded) {
            schema.setMaxLength(hozon.json.StrictJson.maxStringLength());
        }
        return schema;
    }

    private static void add(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        }
    }

    /** Whatever a framework-added response said about its body, the wire carries a problem document. */
    private static void asProblem(org.eclipse.microprofile.openapi.models.responses.APIResponse response) {
        org.eclipse.microprofile.openapi.models.media.Content content = response.getContent();
        boolean problem = content != null && content.getMediaTypes() != null
                && content.getMediaTypes().size() == 1 && content.hasMediaType(hozon.problem.Problem.MEDIA_TYPE);
        if (!problem) {
            response.setContent(OASFactory.createContent().addMediaType(hozon.problem.Problem.MEDIA_TYPE,
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"))));
        }
    }
}
