package hozon.purge.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * ingest-service. {@link #execute} deliberately has no retry: an execution may run for
 * minutes, and a retried call could overlap the first; the next run re-executes the plan
 * (idempotent), so a failure loses nothing. The read-only calls retry.
 *
 * <p>Never inside a transaction: the class suspends the caller's (NOT_SUPPORTED) before the
 * fault-tolerance interceptors run. Otherwise SmallRye Context Propagation hands the caller's JTA
 * transaction to the {@code @Timeout} watchdog on another worker thread; when the timeout fires
 * and the caller rolls back, Narayana finds two threads in the transaction, the XA rollback of
 * the enlisted connection fails, and the connection's work (a purge step's DELETE) was committed
 * when the pool reset it — a fail-open seen under CI load in SlowPolicyServiceLockTest.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class IngestGateway {

    @Inject
    @RestClient
    IngestClient client;

    public PurgeExecution execute(PurgeOrder order) {
        return client.execute(order);
    }

    /** What a run removed so far, from ingest-service's execution log. */
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, delayUnit = ChronoUnit.MILLIS)
    public PurgeExecution summary(UUID runId) {
        return client.summary(runId);
    }

    @Retry(maxRetries = 1, delay = 500, delayUnit = ChronoUnit.MILLIS)
    public PurgePreview preview(PurgeOrder order) {
        return client.preview(order);
    }
}
