package hozon.ingest.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Every call ingest-service makes to policy-service, each bounded by a timeout and a circuit
 * breaker (open for 5 s after 3 of 4 calls failed, so a sick peer is not hammered). What
 * happens when policy-service is down is the caller's rule: a purge step fails closed (nothing
 * more deleted), a look-up is refused (503), ingest goes on with the cached categories. Every
 * value can be overridden in configuration, e.g.
 * {@code hozon.ingest.client.PolicyGateway/holdsRevision/Timeout/value=1000}.
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

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HoldsRevision(long revision) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    /**
     * @param relatedCommunications whether the answer may carry items of infringement-related
     *        communications under this case's type (null from a policy-service that predates it: no)
     */
    public record CaseDecision(boolean allowed, String reason, Instant decidedAt, Instant validUntil, String caseType,
            Boolean relatedCommunications, String relatedCommunicationsReason) {
    }

    public record CaseDecisionRequest(UUID caseId, String lookup, String category) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Category(String code, String actor) {
    }

    /**
     * Asked inside a deleting transaction, while the day's table is locked: short, and never
     * retried — a slow answer fails the step closed (rolled back, nothing more deleted) rather
     * than keep a log table locked.
     */
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public long holdsRevision() {
        return client.holdsRevision().revision();
    }

    /** A look-up's legal basis. A question without side effects: retried once. */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, delayUnit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public CaseDecision decide(UUID caseId, String lookup, String category) {
        return client.decide(new CaseDecisionRequest(caseId, lookup, category));
    }

    /** The registered categories, fetched in the background: retried, never on a request's path but the first. */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, delayUnit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public List<Category> categories() {
        return client.categories();
    }
}
