package hozon.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.ProcessingException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import net.jqwik.api.Example;

/** Failure reasons an operator reads in a run record: words, never Java class names. */
class PeerFailureTest {

    @Example
    void namesTheUsualFailuresInWords() {
        assertThat(PeerFailure.describe("policy-service",
                new ProcessingException(new ConnectException("Connection refused: localhost/127.0.0.1:1"))))
                .isEqualTo("policy-service unreachable (connection refused)");
        assertThat(PeerFailure.describe("ingest-service", new TimeoutException("timed out")))
                .isEqualTo("ingest-service did not answer in time");
        assertThat(PeerFailure.describe("policy-service", new CircuitBreakerOpenException("open")))
                .isEqualTo("policy-service not asked: its circuit breaker is open after repeated failures");
        assertThat(PeerFailure.describe("policy-service", new ProcessingException(new UnknownHostException("policy"))))
                .isEqualTo("policy-service unreachable (host name not known)");
    }

    @Example
    void anUnknownFailureGetsAnIncidentIdNotAClassName() {
        String reason = PeerFailure.describe("ingest-service", new ArrayIndexOutOfBoundsException("3"));
        assertThat(reason).startsWith("ingest-service call failed (incident ").doesNotContain("Exception");
    }
}
