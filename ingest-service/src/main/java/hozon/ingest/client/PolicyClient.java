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

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CaseDecision(boolean allowed, String reason, java.time.Instant decidedAt, java.time.Instant validUntil) {
    }

    record CaseDecisionRequest(java.util.UUID caseId, String lookup, String category) {
    }

    @jakarta.ws.rs.POST
    @Path("/case-decisions")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    CaseDecision decide(CaseDecisionRequest request);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Category(String code, String actor) {
    }

    @GET
    @Path("/categories")
    @Produces(MediaType.APPLICATION_JSON)
    java.util.List<Category> categories();

    @GET
    @Path("/holds/revision")
    @Produces(MediaType.APPLICATION_JSON)
    HoldsRevision holdsRevision();
}
