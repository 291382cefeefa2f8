package hozon.security;

import hozon.problem.Problem;
import hozon.problem.ProblemMappers;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Audit of every write and every denied request, and a per-principal rate limit (OWASP API4).
 * Both may run on the event loop, so they read the identity without blocking and hand the
 * audit entry to the trail's writer (JDBC, group commit), whose completion the answer waits for.
 */
public class SecurityFilters {

    @Inject
    AuditTrail audit;

    @Inject
    CurrentIdentityAssociation identities;

    @ConfigProperty(name = "hozon.security.rate-limit.per-second", defaultValue = "50")
    double ratePerSecond;

    @ConfigProperty(name = "hozon.security.rate-limit.burst", defaultValue = "100")
    int burst;

    private static final Map<String, double[]> BUCKETS = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public Uni<Response> rateLimit(ContainerRequestContext request) {
        return identities.getDeferredIdentity().map(identity -> takeToken(name(identity)));
    }

    /** Request property set on {@link ReadOnly} operations. */
    private static final String READ_ONLY = "hozon.security.read-only";

    /** Runs only for {@link ReadOnly} operations (name binding, resolved at build time). */
    @ReadOnly
    @ServerRequestFilter
    public void markReadOnly(ContainerRequestContext request) {
        request.setProperty(READ_ONLY, Boolean.TRUE);
    }

    @ServerResponseFilter
    public Uni<Void> audit(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        String method = request.getMethod();
        boolean readOnly = Boolean.TRUE.equals(request.getProperty(READ_ONLY));
        boolean write = !readOnly && !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
        if (!write && status != 401 && status != 403) {
            return Uni.createFrom().voidItem();
        }
        String action = method + " /" + request.getUriInfo().getPath().replaceFirst("^/", "");
        // The answer waits (without blocking a thread) until the entry is committed with its group.
        return identities.getDeferredIdentity()
                .chain(identity -> Uni.createFrom().completionStage(audit.append(name(identity), action, status))
                        // off the writer's thread: it only writes
                        .emitOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Response takeToken(String who) {
        double[] bucket = BUCKETS.computeIfAbsent(who, k -> new double[] {burst, System.nanoTime()});
        synchronized (bucket) {
            long now = System.nanoTime();
            bucket[0] = Math.min(burst, bucket[0] + (now - bucket[1]) / 1e9 * ratePerSecond);
            bucket[1] = now;
            if (bucket[0] < 1) {
                Response r = ProblemMappers.toResponse(new Problem("rate-limited", "Too many requests", 429,
                        "More than " + ratePerSecond + " requests per second; retry after a second"));
                return Response.fromResponse(r).header("Retry-After", "1").build();
            }
            bucket[0] -= 1;
        }
        return null;
    }

    private static String name(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
