package hozon.purge.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import hozon.security.ServiceToken;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@RegisterClientHeaders(ServiceToken.class)
@RegisterRestClient(configKey = "policy")
@Path("/api/v1")
public interface PolicyClient {

    @GET
    @Path("/purge-plan")
    @Produces(MediaType.APPLICATION_JSON)
    PurgePlan plan(@QueryParam("asOf") String asOf, @QueryParam("knownAt") String knownAt);
}
