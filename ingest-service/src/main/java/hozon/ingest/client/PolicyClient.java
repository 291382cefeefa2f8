package hozon.ingest.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import hozon.security.ServiceToken;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@RegisterClientHeaders(ServiceToken.class)
@RegisterRestClient(configKey = "policy")
@Path("/api/v1")
public interface PolicyClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record HoldsRevision(long revision) {
    }

    @GET
    @Path("/holds/revision")
    @Produces(MediaType.APPLICATION_JSON)
    HoldsRevision holdsRevision();
}
