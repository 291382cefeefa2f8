package hozon.ingest.rest;

import hozon.ingest.crypto.DayKeys;
import hozon.problem.Problem;
import hozon.problem.ProblemMappers;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The key store could not give a key: the request is refused (503, nothing stored, never a
 * plain-text fallback), the cause logged at WARN with an incident id and counted in
 * {@code hozon_ingest_key_store_failures_total} (alerted on).
 */
public class KeyStoreProblems {

    private static final Logger LOG = Logger.getLogger(KeyStoreProblems.class);

    @Inject
    MeterRegistry registry;

    @ServerExceptionMapper
    public Response unavailable(DayKeys.Unavailable e) {
        String incident = UUID.randomUUID().toString();
        LOG.warnf(e, "%s (incident %s)", e.getMessage(), incident);
        registry.counter("hozon_ingest_key_store_failures_total").increment();
        return ProblemMappers.toResponse(new Problem("key-store-unavailable", "Key store unavailable", 503,
                "The key store could not be reached, so nothing was stored or decrypted (identities are never kept"
                        + " unencrypted); retry later").with("incident", incident).with("retryAfterSeconds", 5));
    }
}
