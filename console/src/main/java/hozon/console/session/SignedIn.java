package hozon.console.session;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every console page needs a signed-in person. With the local sign-in (the suite) the session
 * cookie names them; otherwise quarkus-oidc has signed them in (authorization-code flow, its own
 * encrypted session cookie) and the access token it holds is what the console forwards.
 */
public class SignedIn {

    public static final String SESSION_COOKIE = "hozon_session";
    public static final String LANGUAGE_COOKIE = "hozon_lang";

    @Inject
    Caller caller;

    @Inject
    LocalSessions local;

    @Inject
    SecurityIdentity identity;

    @ServerRequestFilter
    public Optional<Response> require(ContainerRequestContext request) {
        Cookie lang = request.getCookies().get(LANGUAGE_COOKIE);
        caller.locale(lang != null && "en".equals(lang.getValue()) ? Locale.ENGLISH : Locale.JAPANESE);
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/sign-in") || path.startsWith("/language") || path.startsWith("/static/")
                || path.startsWith("/q/")) {
            return Optional.empty();
        }
        if (local.enabled()) {
            Cookie session = request.getCookies().get(SESSION_COOKIE);
            Optional<LocalSessions.Person> person = local.resume(session == null ? null : session.getValue());
            if (person.isEmpty()) {
                return Optional.of(Response.seeOther(URI.create("/sign-in")).build());
            }
            caller.signIn(person.get().name(), person.get().roles(), person.get().token());
            return Optional.empty();
        }
        AccessTokenCredential token = identity.isAnonymous() ? null : identity.getCredential(AccessTokenCredential.class);
        if (token == null) {
            return Optional.of(Response.status(Response.Status.UNAUTHORIZED).build());
        }
        caller.signIn(identity.getPrincipal().getName(), identity.getRoles(), token.getToken());
        return Optional.empty();
    }
}
