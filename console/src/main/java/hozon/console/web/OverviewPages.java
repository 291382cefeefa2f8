package hozon.console.web;

import hozon.console.config.ConsoleConfig;
import hozon.console.gateway.Reply;
import hozon.console.gateway.Service;
import hozon.console.i18n.Formats;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The dashboard, the retention rules with their Guideline findings, and purge runs with their
 * receipts and the ledger's verification. Each part is shown only when its service answers this
 * person (their roles decide, at the service).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class OverviewPages extends ConsolePage {

    @Inject
    ConsoleConfig config;

    @Inject
    java.time.Clock clock;

    @Inject
    Template dashboard;

    @Inject
    Template rules;

    @Inject
    Template purge;

    @GET
    public Response dashboard() {
        String t = caller.token();
        Instant now = clock.instant();
        List<Map<?, ?>> ending = new ArrayList<>();
        Reply holds = services.get(Service.POLICY, "/api/v1/holds?inForce=true", t);
        for (Object o : holds.list()) {
            Map<?, ?> h = (Map<?, ?>) o;
            Instant end = Formats.instant(h.get("effectiveEnd"));
            if (end != null && end.isBefore(now.plus(java.time.Duration.ofDays(config.holdsEndingWithinDays())))) {
                ending.add(h);
            }
        }
        List<Object> waiting = new ArrayList<>();
        Reply approvals = services.get(Service.POLICY, "/api/v1/approvals?status=PENDING", t);
        for (Object o : approvals.list()) {
            if (o instanceof Map<?, ?> a && !caller.name().equals(a.get("requestedBy"))) {
                waiting.add(a);
            }
        }
        Reply runs = services.get(Service.PURGE, "/api/v1/purge-runs?limit=5", t);
        Reply ledger = services.get(Service.PURGE, "/api/v1/ledger/verification", t);
        Reply compliance = services.get(Service.PURGE, "/api/v1/compliance", t);
        Reply expired = services.get(Service.INGEST, "/api/v1/reports/expired-lookups", t);
        String month = YearMonth.from(now.atZone(Formats.JST)).toString();
        long expiredThisMonth = expired.list().stream().filter(o -> o instanceof Map<?, ?> m && month.equals(m.get("month")))
                .mapToLong(o -> ((Map<?, ?>) o).get("lookups") instanceof Number n ? n.longValue() : 0).sum();
        long overdue = 0;
        if (compliance.map().get("categories") instanceof List<?> cs) {
            for (Object o : cs) {
                overdue += ((Map<?, ?>) o).get("recordsOverdue") instanceof Number n ? n.longValue() : 0;
            }
        }
        return pages.withStatus(pages.page(dashboard, "dashboard").data("holds", holds).data("ending", ending)
                .data("approvals", approvals).data("waiting", waiting).data("runs", runs).data("ledger", ledger)
                .data("compliance", compliance).data("overdue", overdue).data("expired", expired)
                .data("expiredThisMonth", expiredThisMonth).data("month", month), 200);
    }

    @GET
    @Path("rules")
    public Response rules() {
        Reply r = services.get(Service.POLICY, "/api/v1/retention-rules", caller.token());
        return pages.withStatus(pages.page(rules, "rules").data("rules", r.list()).data("reply", r), Pages.statusOf(r));
    }

    @GET
    @Path("purge")
    public Response purge() {
        return purgeWith(null);
    }

    @POST
    @Path("purge/receipt")
    public Response receipt(@FormParam("id") UUID id) {
        Reply r = services.get(Service.PURGE, "/api/v1/purge-runs/" + id + "/receipt", caller.token());
        return purgeWith(r);
    }

    private Response purgeWith(Reply receipt) {
        Reply runs = services.get(Service.PURGE, "/api/v1/purge-runs?limit=50", caller.token());
        Reply verification = services.get(Service.PURGE, "/api/v1/ledger/verification", caller.token());
        int status = receipt != null && !receipt.ok() ? Pages.statusOf(receipt) : Pages.statusOf(runs);
        return pages.withStatus(pages.page(purge, "purge").data("runs", runs.list()).data("reply", runs)
                .data("verification", verification).data("receipt", receipt), status);
    }
}
