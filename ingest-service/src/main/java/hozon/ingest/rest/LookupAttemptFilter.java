package hozon.ingest.rest;

import hozon.ingest.service.LookupAttempt;
import hozon.ingest.store.LookupAudit;
import hozon.problem.Problem;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Audits the look-up attempts refused before the look-up use case ran — a body that is not
 * JSON or not the query's shape, the wrong media type, a caller whose role may not look up —
 * so that the look-up audit holds every attempt (R6). Unauthenticated requests never reach
 * here; the security audit records them.
 */
public class LookupAttemptFilter {

    private static final String PREFIX = "/api/v1/lookups/";

    @Inject
    LookupAttempt attempt;

    @Inject
    LookupAudit audit;

    @Inject
    CurrentIdentityAssociation identities;

    @ServerResponseFilter
    public Uni<Void> auditRefusedAttempt(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        int status = response.getStatus();
        if (!path.startsWith(PREFIX) || status < 400 || status == 401 || attempt.isAudited()) {
            return Uni.createFrom().voidItem();
        }
        String kind = path.endsWith("/ap") ? "AP_ADDRESS" : path.endsWith("/cp") ? "CP_POST" : path.substring(PREFIX.length());
        String reason = status == 403 ? "forbidden: the caller's role may not look up"
                : "malformed: " + (response.getEntity() instanceof Problem p ? p.getDetail() : "HTTP " + status);
        return identities.getDeferredIdentity()
                .map(identity -> identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(principal -> audit.append(new LookupAudit.Attempt(principal, null, kind, "{}", "REFUSED", 0,
                        reason, List.of())))
                .replaceWithVoid();
    }
}
