package hozon.ingest.rest;

import hozon.ingest.attribution.RuleSets;
import hozon.problem.Problem;
import hozon.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/attribution/rule-sets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Attribution rule sets", description = "MAP-E rules and deterministic-CGN configurations: immutable, versioned")
public class RuleSetResource {

    @Inject
    RuleSets ruleSets;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.POLICY_ADMIN)
    @Operation(summary = "Publish a rule set version",
            description = "Validated on load: a + k ≤ 16, o = (32 − r) + k, n + o ≤ 64, no bits beyond the prefix"
                    + " lengths; deterministic CGN: inside hosts ≤ outside addresses × compression, ports left per host."
                    + " The version is the name's next; it must start after the previous version, which it ends."
                    + " Refused (409) when another rule set in force at any instant of its validity claims the same"
                    + " IPv4 addresses. Never edited or deleted.")
    @APIResponse(responseCode = "201", description = "Stored",
            content = @Content(schema = @Schema(implementation = RuleSets.RuleSet.class)))
    @APIResponse(responseCode = "400", description = "Constraints violated, each named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Overlaps a rule set in force, or starts before the previous version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@RequestBody(content = @Content(examples = @ExampleObject(name = "v6plus-like MAP-E",
            value = "{\"name\":\"mape-east\",\"mechanism\":\"MAP_E\",\"validFrom\":\"2026-01-01T00:00:00Z\","
                    + "\"provenance\":\"OPERATOR_CONFIGURATION\",\"provenanceNote\":\"BR configuration export 2025-12-20\","
                    + "\"mapERules\":[{\"ruleIpv6Prefix\":\"2001:db8::/31\",\"ruleIpv4Prefix\":\"198.18.0.0/15\","
                    + "\"eaBitsLength\":25,\"psidOffset\":4,\"psidLength\":8}]}"))) @NotNull RuleSets.NewRuleSet body)
            throws SQLException {
        RuleSets.RuleSet created = ruleSets.create(body);
        return Response.created(URI.create("/api/v1/attribution/rule-sets/" + created.id())).entity(created).build();
    }

    @GET
    @RolesAllowed({Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER, Roles.AUDITOR})
    @Operation(summary = "All rule set versions, each with the end of its force")
    @APIResponse(responseCode = "200", description = "Every version",
            content = @Content(schema = @Schema(implementation = RuleSets.RuleSet.class, type = org.eclipse.microprofile
                    .openapi.annotations.enums.SchemaType.ARRAY)))
    public List<RuleSets.RuleSet> list() throws SQLException {
        return ruleSets.list();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.POLICY_ADMIN, Roles.LEGAL_OFFICER, Roles.AUDITOR})
    @Operation(summary = "One rule set version")
    @APIResponse(responseCode = "200", description = "The version",
            content = @Content(schema = @Schema(implementation = RuleSets.RuleSet.class)))
    @APIResponse(responseCode = "404", description = "No such version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RuleSets.RuleSet get(@PathParam("id") UUID id) throws SQLException {
        return ruleSets.get(id);
    }
}
