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
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description)
                    .content(OASFactory.createContent().addMediaType("application/problem+json",
                            OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem")))));
        }
    }
}
