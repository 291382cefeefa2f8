package hozon.ingest.client;

import hozon.security.ServiceToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** policy-service's REST API as ingest-service uses it. Only {@link PolicyGateway} calls it, bounded. */
@RegisterClientHeaders(ServiceToken.class)
@RegisterRestClient(configKey = "policy")
@Path("/api/v1")
interface PolicyClient {

    @POST
    @Path("/case-decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    PolicyGateway.CaseDecision decide(PolicyGateway.CaseDecisionRequest request);

    @GET
    @Path("/categories")
    @Produces(MediaType.APPLICATION_JSON)
    List<PolicyGateway.Category> categories();

    @GET
    @Path("/holds/revision")
    @Produces(MediaType.APPLICATION_JSON)
    PolicyGateway.HoldsRevision holdsRevision();
}
