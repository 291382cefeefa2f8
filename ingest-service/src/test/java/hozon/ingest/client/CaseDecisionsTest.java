package hozon.ingest.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hozon.devdb.MovableClock;
import hozon.ingest.config.IngestConfig;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a legal officer would notice of the remembered case decisions: a steady stream of
 * look-ups never waits for policy-service, yet a case closed there stops authorising within the
 * configured time, and a refusal or an unreachable policy-service is never papered over.
 * policy-service is replaced by a scripted stand-in and time by a clock the test moves.
 */
class CaseDecisionsTest {

    private static final Duration TTL = Duration.ofSeconds(10);
    private static final UUID CASE = UUID.randomUUID();

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final List<Instant> asked = new ArrayList<>();
    private Supplier<PolicyGateway.CaseDecision> answer = () -> allowed(null);
    private CaseDecisions decisions;

    @BeforeEach
    void setUp() {
        decisions = new CaseDecisions();
        decisions.clock = clock;
        decisions.config = config(TTL);
        // The gateway outside CDI: its bounds do not apply, the scripted client answers at once.
        decisions.policy = new PolicyGateway();
        decisions.policy.client = new PolicyClient() {
            @Override
            public PolicyGateway.CaseDecision decide(PolicyGateway.CaseDecisionRequest request) {
                asked.add(clock.instant());
                return answer.get();
            }

            @Override
            public List<PolicyGateway.Category> categories() {
                throw new UnsupportedOperationException();
            }

            @Override
            public PolicyGateway.HoldsRevision holdsRevision() {
                throw new UnsupportedOperationException();
            }
        };
        // Background re-asks run at once on the calling thread, so the test sees their effect.
        decisions.refresher = Runnable::run;
    }

    @AfterEach
    void tearDown() {
        decisions.stop();
    }

    @Test
    void anAllowedIsReliedOnWithoutAskingAgainDuringTheFirstHalfOfItsTime() {
        assertThat(decide().allowed()).isTrue();
        clock.advance(TTL.dividedBy(2).minusMillis(1));
        assertThat(decide().allowed()).isTrue();
        assertThat(asked).hasSize(1);
    }

    @Test
    void inTheSecondHalfTheLookupIsAnsweredFromMemoryAndTheCaseIsAskedAgainOnce() {
        decide();
        clock.advance(TTL.dividedBy(2));
        answer = () -> allowed(null);
        assertThat(decide().allowed()).isTrue();
        assertThat(asked).hasSize(2);
        // The re-ask renewed the time: still no further question until its own half-time.
        clock.advance(TTL.dividedBy(2).minusMillis(1));
        decide();
        assertThat(asked).hasSize(2);
    }

    @Test
    void aCaseClosedAtPolicyServiceStopsAuthorisingOnceTheReAskSeesIt() {
        decide();
        clock.advance(TTL.dividedBy(2));
        answer = () -> refused("case closed");
        // This look-up was still within the remembered time; the re-ask it triggered saw the closure.
        assertThat(decide().allowed()).isTrue();
        assertThat(decide().allowed()).isFalse();
        assertThat(decide().reason()).isEqualTo("case closed");
    }

    @Test
    void withPolicyServiceUnreachableTheRememberedAllowedRunsOutAtItsTimeAndThenLookupsAreRefused() {
        decide();
        answer = () -> {
            throw new IllegalStateException("connection refused");
        };
        clock.advance(TTL.dividedBy(2));
        assertThat(decide().allowed()).isTrue();
        clock.advance(TTL.dividedBy(2).minusMillis(1));
        assertThat(decide().allowed()).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(this::decide).hasMessageContaining("connection refused");
    }

    @Test
    void neverReliedOnPastTheCaseValidity() {
        Instant validUntil = clock.instant().plusSeconds(3);
        answer = () -> allowed(validUntil);
        decide();
        clock.advance(Duration.ofSeconds(3));
        answer = () -> refused("case expired");
        assertThat(decide().allowed()).isFalse();
    }

    @Test
    void refusalsAreNeverRemembered() {
        answer = () -> refused("outside the case's scope");
        assertThat(decide().allowed()).isFalse();
        answer = () -> allowed(null);
        assertThat(decide().allowed()).isTrue();
        assertThat(asked).hasSize(2);
    }

    private PolicyGateway.CaseDecision decide() {
        return decisions.decide(CASE, "AP_ADDRESS", "ap.connection-auth");
    }

    private PolicyGateway.CaseDecision allowed(Instant validUntil) {
        return new PolicyGateway.CaseDecision(true, "allowed", clock.instant(), validUntil, "WARRANT", true, "a warrant");
    }

    private PolicyGateway.CaseDecision refused(String reason) {
        return new PolicyGateway.CaseDecision(false, reason, clock.instant(), null, null, null, null);
    }

    /** The configuration with only the decision time set; nothing else is read by the class under test. */
    private static IngestConfig config(Duration ttl) {
        IngestConfig.Lookup lookup = (IngestConfig.Lookup) Proxy.newProxyInstance(IngestConfig.class.getClassLoader(),
                new Class<?>[] {IngestConfig.Lookup.class}, (p, m, a) -> {
                    if (m.getName().equals("decisionTtl")) {
                        return ttl;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        return (IngestConfig) Proxy.newProxyInstance(IngestConfig.class.getClassLoader(),
                new Class<?>[] {IngestConfig.class}, (p, m, a) -> {
                    if (m.getName().equals("lookup")) {
                        return lookup;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }
}
