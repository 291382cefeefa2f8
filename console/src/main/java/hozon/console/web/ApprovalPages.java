package hozon.console.web;

import hozon.console.gateway.Reply;
import hozon.console.gateway.Service;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;

/** The four-eyes queue: a release or an exceptional rule waits here until someone else approves it. */
@Path("/approvals")
@Produces(MediaType.TEXT_HTML)
public class ApprovalPages extends ConsolePage {

    @Inject
    Template approvals;

    @GET
    public Response list() {
        return listWith(null, null);
    }

    @POST
    @Path("/decide")
    public Response decide(@FormParam("id") UUID id, @FormParam("decision") String decision,
            @FormParam("comment") String comment) {
        String verb = "reject".equals(decision) ? "reject" : "approve";
        Reply r = services.post(Service.POLICY, "/api/v1/approvals/" + id + "/" + verb, caller.token(),
                Map.of("comment", comment == null ? "" : comment));
        return r.ok() ? listWith(r.map(), null) : listWith(null, r);
    }

    private Response listWith(Map<String, Object> done, Reply refused) {
        Reply r = services.get(Service.POLICY, "/api/v1/approvals?status=PENDING", caller.token());
        return pages.withStatus(pages.page(approvals, "approvals").data("approvals", r.list()).data("reply", r)
                .data("done", done).data("refused", refused), refused != null ? Pages.statusOf(refused) : Pages.statusOf(r));
    }
}
