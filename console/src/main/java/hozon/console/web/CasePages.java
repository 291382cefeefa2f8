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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;

/** Cases: the legal basis (warrant, disclosure order, request) every look-up must cite. */
@Path("/cases")
@Produces(MediaType.TEXT_HTML)
public class CasePages extends ConsolePage {

    @Inject
    Template cases;

    @GET
    public Response list() {
        return listWith(null, null);
    }

    @POST
    public Response open(@RestForm String type, @RestForm String reference, @RestForm String issuer,
            @RestForm String description, @RestForm String validTo, @RestForm List<String> lookups,
            @RestForm List<String> categories) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", Forms.blankToNull(type));
        body.put("reference", Forms.blankToNull(reference));
        body.put("issuer", Forms.blankToNull(issuer));
        body.put("description", Forms.blankToNull(description));
        body.put("validTo", Forms.instant(validTo));
        body.put("lookups", lookups == null ? List.of() : lookups);
        body.put("categories", categories == null ? List.of() : categories);
        Reply r = services.post(Service.POLICY, "/api/v1/cases", caller.token(), body);
        return r.ok() ? listWith(r.map(), null) : listWith(null, r);
    }

    @POST
    @Path("/close")
    public Response close(@FormParam("id") UUID id, @FormParam("reason") String reason) {
        Reply r = services.post(Service.POLICY, "/api/v1/cases/" + id + "/close", caller.token(),
                Map.of("reason", reason == null ? "" : reason));
        return r.ok() ? listWith(r.map(), null) : listWith(null, r);
    }

    private Response listWith(Map<String, Object> done, Reply refused) {
        Reply r = services.get(Service.POLICY, "/api/v1/cases", caller.token());
        Reply cats = services.get(Service.POLICY, "/api/v1/categories", caller.token());
        return pages.withStatus(pages.page(cases, "cases").data("cases", r.list()).data("reply", r).data("done", done)
                .data("refused", refused).data("categories", cats.list())
                .data("caseTypes", List.of("WARRANT", "DISCLOSURE_ORDER", "PROVISION_ORDER", "DISCLOSURE_REQUEST", "SERVICE_PROTECTION")),
                refused != null ? Pages.statusOf(refused) : Pages.statusOf(r));
    }
}
