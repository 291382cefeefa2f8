package hozon.purge.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The purge plan from policy-service, with a timeout, two retries and a circuit breaker
 * (open for 5 s after 3 of 4 attempts failed, so a manual trigger cannot hammer a sick peer).
 * When policy-service is down this throws: the caller deletes nothing (fail closed).
 * Every value can be overridden in configuration, e.g.
 * {@code hozon.purge.client.PolicyGateway/plan/Retry/maxRetries=5}.
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
public class PolicyGateway {

    @Inject
    @RestClient
    PolicyClient client;

    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, delayUnit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public PurgePlan plan(Instant asOf, Instant knownAt) {
        return client.plan(asOf.toString(), knownAt.toString());
    }
}
