package hozon.problem;

import jakarta.ws.rs.WebApplicationException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * Why a call to a peer service failed, in words an operator reads in a run record or a
 * preview refusal: "policy-service unreachable (connection refused)", never a Java class name.
 * An HTTP refusal is quoted by its status and problem detail (the peers never put identifiers
 * there). A failure it cannot name gets an incident id, and its cause is logged at WARN under it.
 */
public final class PeerFailure {

    private static final Logger LOG = Logger.getLogger(PeerFailure.class);

    private PeerFailure() {
    }

    public static String describe(String peer, Throwable e) {
        if (e instanceof WebApplicationException wae && wae.getResponse() != null) {
            String detail = "";
            try {
                detail = wae.getResponse().readEntity(com.fasterxml.jackson.databind.JsonNode.class).path("detail").asText("");
            } catch (RuntimeException unreadable) {
                // no problem body; the status says enough
            }
            return peer + " refused with HTTP " + wae.getResponse().getStatus() + (detail.isEmpty() ? "" : ": " + truncate(detail));
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CircuitBreakerOpenException) {
                return peer + " not asked: its circuit breaker is open after repeated failures";
            }
            if (t instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException
                    || t instanceof SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException) {
                return peer + " did not answer in time";
            }
            if (t instanceof ConnectException) {
                return peer + " unreachable (connection refused)";
            }
            if (t instanceof UnknownHostException) {
                return peer + " unreachable (host name not known)";
            }
            if (t instanceof NoRouteToHostException) {
                return peer + " unreachable (no route to host)";
            }
            if (t instanceof java.io.IOException && t.getMessage() != null
                    && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("closed")) {
                return peer + " closed the connection before it answered";
            }
            if (t instanceof IllegalStateException && t.getMessage() != null && t.getMessage().startsWith(peer)) {
                // our own check of the answer, already in words
                return truncate(t.getMessage());
            }
        }
        String incident = UUID.randomUUID().toString();
        LOG.warnf(e, "call to %s failed, incident %s", peer, incident);
        return peer + " call failed (incident " + incident + ", cause in the service log)";
    }

    private static String truncate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
