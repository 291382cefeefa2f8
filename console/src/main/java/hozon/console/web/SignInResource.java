package hozon.console.web;

import hozon.console.session.LocalSessions;
import hozon.console.session.SignedIn;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;

/**
 * Sign-in and sign-out, and the language switch. The page listing demo people exists only with
 * the local sign-in of {@code ./run-suite}; in production quarkus-oidc sends people to the
 * operator's identity provider and this page answers 404.
 */
@Path("/")
public class SignInResource {

    @Inject
    LocalSessions local;

    @Inject
    Pages pages;

    @Inject
    Template signIn;

    @GET
    @Path("sign-in")
    @Produces(MediaType.TEXT_HTML)
    public Object form() {
        if (!local.enabled()) {
            throw new NotFoundException();
        }
        return pages.page(signIn, "sign-in").data("people", local.people()).data("error", false);
    }

    @POST
    @Path("sign-in")
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(@FormParam("person") String person) {
        if (!local.enabled()) {
            throw new NotFoundException();
        }
        Optional<String> session = local.signIn(person == null ? "" : person);
        if (session.isEmpty()) {
            return pages.withStatus(pages.page(signIn, "sign-in").data("people", local.people()).data("error", true), 401);
        }
        return Response.seeOther(URI.create("/")).cookie(sessionCookie(session.get(), -1)).build();
    }

    @POST
    @Path("sign-out")
    public Response signOut(@CookieParam(SignedIn.SESSION_COOKIE) String session) {
        local.signOut(session);
        return Response.seeOther(URI.create(local.enabled() ? "/sign-in" : "/")).cookie(sessionCookie("", 0)).build();
    }

    @POST
    @Path("language")
    public Response language(@FormParam("lang") String lang) {
        String value = "en".equals(lang) ? "en" : "ja";
        NewCookie c = new NewCookie.Builder(SignedIn.LANGUAGE_COOKIE).value(value).path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(365 * 24 * 3600).build();
        return Response.seeOther(URI.create("/")).cookie(c).build();
    }

    private NewCookie sessionCookie(String value, int maxAge) {
        return new NewCookie.Builder(SignedIn.SESSION_COOKIE).value(value).path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }
}
