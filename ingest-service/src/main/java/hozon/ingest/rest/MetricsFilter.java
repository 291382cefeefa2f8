package hozon.ingest.rest;

import hozon.ingest.metrics.IngestMetrics;
import hozon.ingest.service.LookupAttempt;
import hozon.ingest.store.RecordKind;
import hozon.problem.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Feeds {@link IngestMetrics} from the HTTP layer: ingest requests refused (by the problem type
 * they got, and the records in them refused), and every look-up's latency and outcome —
 * including the ones refused before the use case ran (403 for a role, 400 for a body).
 */
public class MetricsFilter {

    private static final String STARTED = "hozon.metrics.started";

    @Inject
    IngestMetrics metrics;

    @Inject
    LookupAttempt attempt;

    @ServerRequestFilter
    public void start(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @ServerResponseFilter
    public void end(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        int status = response.getStatus();
        if (path.startsWith("/api/v1/lookups/ap/bulk")) {
            return; // each tuple is measured by the use case
        }
        if (path.startsWith("/api/v1/lookups/")) {
            Object started = request.getProperty(STARTED);
            long nanos = started instanceof Long t ? System.nanoTime() - t : 0;
            String kind = path.endsWith("/ap") ? "AP_ADDRESS" : path.endsWith("/cp") ? "CP_POST" : "other";
            String outcome = attempt.outcome();
            String reason = attempt.refusal();
            if (outcome == null) {
                outcome = status < 400 ? "ANSWERED" : "REFUSED";
                reason = status < 400 ? null : status == 403 ? "forbidden" : status >= 500 ? "error" : "malformed";
            }
            metrics.lookup(kind, outcome, reason, nanos);
            return;
        }
        if (status < 400) {
            return;
        }
        String feed;
        String category;
        if (path.startsWith("/api/v1/ap/sessions")) {
            feed = IngestMetrics.AP_SESSIONS;
            category = RecordKind.AP_SESSION.category();
        } else if (path.startsWith("/api/v1/ap/port-blocks")) {
            feed = IngestMetrics.PORT_BLOCKS;
            category = RecordKind.AP_PORT_BLOCK.category();
        } else if (path.startsWith("/api/v1/cp/events")) {
            feed = IngestMetrics.CP_EVENTS;
            category = "cp";
        } else if (path.startsWith("/api/v1/radius/")) {
            feed = IngestMetrics.RADIUS;
            category = RecordKind.AP_SESSION.category();
        } else {
            return;
        }
        String reason = "http-" + status;
        int records = 0;
        if (response.getEntity() instanceof Problem p) {
            String type = p.getType().toString();
            reason = type.substring(type.lastIndexOf(':') + 1);
            Object rejected = p.getExtensions().get("rejected");
            records = rejected instanceof Number n ? n.intValue()
                    : (int) p.getErrors().stream().filter(e -> e.index() != null).map(Problem.FieldError::index)
                            .distinct().count();
            if (records == 0 && feed.equals(IngestMetrics.RADIUS)) {
                records = 1;
            }
        }
        metrics.refused(feed, category, reason, records);
    }
}
