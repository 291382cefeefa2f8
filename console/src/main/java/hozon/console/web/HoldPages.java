package hozon.console.web;

import hozon.console.config.ConsoleConfig;
import hozon.console.gateway.Reply;
import hozon.console.gateway.Service;
import hozon.console.gateway.ServiceGateway;
import hozon.console.session.Caller;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Legal holds: preservation requests (CCP Art. 197(3)/(4)), deletion-prohibition orders and
 * emergency preservation. policy-service decides everything — the limits, the four-eyes release
 * and who sees a confidential hold's details (Art. 197(5)); this page shows what it answered.
 * Hold ids travel in form bodies, never in URLs.
 */
@Path("/holds")
@Produces(MediaType.TEXT_HTML)
public class HoldPages {

    @Inject
    Pages pages;

    @Inject
    Caller caller;

    @Inject
    ServiceGateway services;

    @Inject
    ConsoleConfig config;

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
        return pages.withStatus(newForm(Map.of(), null), 200);
    }

    @POST
    public Response create(@RestForm String type, @RestForm String days, @RestForm String windowFrom,
            @RestForm String windowTo, @RestForm List<String> categories, @RestForm String selectorKind,
            @RestForm String selectorValue, @RestForm String portStart, @RestForm String portEnd,
            @RestForm String confidential, @RestForm String authority, @RestForm String officer,
            @RestForm String documentRef, @RestForm String requestDate, @RestForm String court,
            @RestForm String caseNumber, @RestForm String reason, @RestForm String reviewDate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", Forms.blankToNull(type));
        body.put("days", Forms.integer(days));
        body.put("windowFrom", Forms.instant(windowFrom));
        body.put("windowTo", Forms.instant(windowTo));
        body.put("categories", categories == null ? List.of() : categories);
        List<Map<String, Object>> selectors = new ArrayList<>();
        if (Forms.blankToNull(selectorValue) != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("kind", Forms.blankToNull(selectorKind));
            s.put("value", selectorValue.strip());
            s.put("portStart", Forms.integer(portStart));
            s.put("portEnd", Forms.integer(portEnd));
            selectors.add(s);
        }
        body.put("selectors", selectors);
        body.put("confidential", confidential != null);
        body.put("authority", Forms.blankToNull(authority));
        body.put("officer", Forms.blankToNull(officer));
        body.put("documentRef", Forms.blankToNull(documentRef));
        body.put("requestDate", Forms.date(requestDate));
        body.put("court", Forms.blankToNull(court));
        body.put("caseNumber", Forms.blankToNull(caseNumber));
        body.put("reason", Forms.blankToNull(reason));
        body.put("reviewDate", Forms.date(reviewDate));
        Reply r = services.post(Service.POLICY, "/api/v1/holds", caller.token(), body);
        if (!r.ok()) {
            Map<String, Object> typed = new LinkedHashMap<>();
            typed.put("type", type);
            typed.put("days", days);
            typed.put("windowFrom", windowFrom);
            typed.put("windowTo", windowTo);
            typed.put("categories", categories == null ? List.of() : categories);
            typed.put("selectorKind", selectorKind);
            typed.put("selectorValue", selectorValue);
            typed.put("portStart", portStart);
            typed.put("portEnd", portEnd);
            typed.put("confidential", confidential != null);
            typed.put("authority", authority);
            typed.put("officer", officer);
            typed.put("documentRef", documentRef);
            typed.put("requestDate", requestDate);
            typed.put("court", court);
            typed.put("caseNumber", caseNumber);
            typed.put("reason", reason);
            typed.put("reviewDate", reviewDate);
            return pages.withStatus(newForm(typed, r), Pages.statusOf(r));
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

    private static final List<String> FIELDS = List.of("type", "days", "windowFrom", "windowTo", "selectorKind",
            "selectorValue", "portStart", "portEnd", "authority", "officer", "documentRef", "requestDate", "court",
            "caseNumber", "reason", "reviewDate");

    private TemplateInstance newForm(Map<String, Object> typed, Reply refused) {
        Map<String, Object> values = new java.util.HashMap<>();
        FIELDS.forEach(f -> values.put(f, null));
        values.put("categories", List.of());
        values.put("confidential", false);
        values.putAll(typed);
        Reply cats = services.get(Service.POLICY, "/api/v1/categories", caller.token());
        return pages.page(holdForm, "holds").data("typed", values).data("refused", refused).data("categories", cats.list())
                .data("selectorKinds", List.of("IP", "SUBSCRIBER", "ACCOUNT", "POST", "SESSION"));
    }
}
