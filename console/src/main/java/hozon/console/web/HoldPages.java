package hozon.console.web;

import hozon.console.gateway.Reply;
import hozon.console.gateway.Service;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Legal holds: preservation requests (CCP Art. 197(3)/(4)), deletion-prohibition orders and
 * emergency preservation. policy-service decides everything — the limits, the four-eyes release
 * and who sees a confidential hold's details (Art. 197(5)); this page shows what it answered.
 * Hold ids travel in form bodies, never in URLs.
 */
@Path("/holds")
@Produces(MediaType.TEXT_HTML)
public class HoldPages extends ConsolePage {

    @Inject
    Template holds;

    @Inject
    Template holdForm;

    @GET
    public Response list() {
        return listWith(null, null);
    }

    @GET
    @Path("/new")
    public Response form() {
        if (!caller.legalOfficer()) {
            return pages.forbidden();
        }
        return pages.withStatus(newForm(new HoldForm(), null), 200);
    }

    @POST
    public Response create(@BeanParam HoldForm form) {
        Reply r = services.post(Service.POLICY, "/api/v1/holds", caller.token(), form.body());
        if (!r.ok()) {
            return pages.withStatus(newForm(form, r), Pages.statusOf(r));
        }
        return listWith(r.map(), null);
    }

    @POST
    @Path("/extend")
    public Response extend(@FormParam("id") UUID id, @FormParam("days") String days, @FormParam("documentRef") String documentRef) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("days", Forms.integer(days));
        body.put("documentRef", Forms.blankToNull(documentRef));
        Reply r = services.post(Service.POLICY, "/api/v1/holds/" + id + "/extensions", caller.token(), body);
        return r.ok() ? listWith(r.map(), null) : listWith(null, r);
    }

    @POST
    @Path("/release")
    public Response release(@FormParam("id") UUID id, @FormParam("kind") String kind, @FormParam("reason") String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", Forms.blankToNull(kind));
        body.put("reason", Forms.blankToNull(reason));
        Reply r = services.post(Service.POLICY, "/api/v1/holds/" + id + "/release", caller.token(), body);
        return r.ok() ? listWith(Map.of("releaseRequested", true), null) : listWith(null, r);
    }

    private Response listWith(Map<String, Object> done, Reply refused) {
        Reply r = services.get(Service.POLICY, "/api/v1/holds", caller.token());
        TemplateInstance page = pages.page(holds, "holds").data("holds", r.list()).data("reply", r).data("done", done)
                .data("refused", refused);
        return pages.withStatus(page, refused != null ? Pages.statusOf(refused) : Pages.statusOf(r));
    }

    private TemplateInstance newForm(HoldForm typed, Reply refused) {
        Reply cats = services.get(Service.POLICY, "/api/v1/categories", caller.token());
        return pages.page(holdForm, "holds").data("typed", typed).data("refused", refused).data("categories", cats.list())
                .data("selectorKinds", List.of("IP", "SUBSCRIBER", "ACCOUNT", "POST", "SESSION"));
    }
}
