package hozon.purge.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import hozon.security.ServiceToken;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@RegisterClientHeaders(ServiceToken.class)
@RegisterRestClient(configKey = "ingest")
@Path("/internal/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface IngestClient {

    @POST
    @Path("/purge-executions")
    PurgeExecution execute(PurgeOrder order);

    @GET
    @Path("/purge-executions/{runId}")
    PurgeExecution summary(@PathParam("runId") UUID runId);

    @POST
    @Path("/purge-previews")
    PurgePreview preview(PurgeOrder order);
}
