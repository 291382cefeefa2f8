package hozon.console.web;

import java.time.Clock;
import hozon.console.gateway.Reply;
import hozon.console.i18n.Formats;
import hozon.console.session.Caller;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

/** What every page is given: who is signed in, the language, the zone. */
@RequestScoped
public class Pages {

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @Inject
    Template forbidden;

    public TemplateInstance page(Template template, String active) {
        return template.data("caller", caller.view()).data("active", active)
                .setLocale(caller.locale()).setAttribute(Formats.NOW, clock.instant());
    }

    /** A page rendered with the status a service gave (403 stays 403, a refusal 4xx): the browser and tests see it. */
    public Response withStatus(TemplateInstance page, int status) {
        return Response.status(status).entity(page).type("text/html;charset=UTF-8").build();
    }

    /**
     * The page for a person whose token carries no role that could use this page (the service
     * would refuse them too): 403, nothing of the page's data fetched.
     */
    public Response forbidden() {
        return withStatus(page(forbidden, ""), 403);
    }

    /** The status to show a page with after a service's reply: its own for errors, 502 when unreachable. */
    public static int statusOf(Reply r) {
        return r.ok() ? 200 : r.status() == 0 ? 502 : r.status();
    }
}
