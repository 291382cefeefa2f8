package hozon.ingest.client;

import hozon.ingest.config.IngestConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;

/**
 * policy-service's answer to "may case C run look-up Q on category K now?". An "allowed" is
 * relied on for {@code hozon.ingest.lookup.decision-ttl} and never past the case's validity, so
 * that a burst of look-ups under one warrant does not pay a policy-service round trip each; a
 * refusal is never remembered, and an unreachable policy-service refuses every case not
 * confirmed within that time.
 *
 * <p>Once half the time has passed, the look-up that notices it is still answered from the
 * remembered "allowed" (it is within its time) and the decision is asked again in the
 * background, so a steady stream of look-ups never waits for policy-service; if the new answer
 * is a refusal, or policy-service does not answer, the remembered "allowed" is dropped or simply
 * runs out. A case is therefore never relied on longer than the configured time after
 * policy-service last allowed it.
 */
@ApplicationScoped
public class CaseDecisions {

    private static final Logger LOG = Logger.getLogger(CaseDecisions.class);

    /** Bound on remembered decisions; cases are few, so this is only a guard against abuse. */
    private static final int MAX_ENTRIES = 10_000;

    @Inject
    PolicyGateway policy;

    @Inject
    IngestConfig config;

    @Inject
    Clock clock;

    /** Runs the early re-asks; one thread, since they are rare and each is one small request. */
    Executor refresher;

    private final Map<Key, Remembered> allowed = new ConcurrentHashMap<>();
    private final Set<Key> refreshing = ConcurrentHashMap.newKeySet();

    private record Key(UUID caseId, String lookup, String category) {
    }

    private record Remembered(PolicyGateway.CaseDecision decision, Instant refreshFrom, Instant until) {
    }

    @PostConstruct
    void start() {
        refresher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "case-decision-refresh");
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        if (refresher instanceof ExecutorService own) {
            own.shutdownNow();
        }
    }

    /** @throws RuntimeException when policy-service cannot answer and no fresh "allowed" is known */
    public PolicyGateway.CaseDecision decide(UUID caseId, String lookup, String category) {
        Key key = new Key(caseId, lookup, category);
        Instant now = clock.instant();
        Remembered r = allowed.get(key);
        if (r != null && now.isBefore(r.until())) {
            if (!now.isBefore(r.refreshFrom()) && refreshing.add(key)) {
                refreshInBackground(key);
            }
            return r.decision();
        }
        return ask(key, now);
    }

    private void refreshInBackground(Key key) {
        try {
            refresher.execute(() -> {
                try {
                    ask(key, clock.instant());
                } catch (RuntimeException e) {
                    // The remembered "allowed" runs out at its time; the look-up after that asks
                    // again and is refused if policy-service still cannot answer.
                    LOG.debugf("early re-ask of a case decision failed: %s", e.toString());
                } finally {
                    refreshing.remove(key);
                }
            });
        } catch (RejectedExecutionException e) {
            refreshing.remove(key);
        }
    }

    /** Asks policy-service; remembers an "allowed", forgets the key on a refusal. */
    private PolicyGateway.CaseDecision ask(Key key, Instant askedAt) {
        PolicyGateway.CaseDecision d = policy.decide(key.caseId(), key.lookup(), key.category());
        Duration ttl = config.lookup().decisionTtl();
        if (d.allowed() && !ttl.isZero()) {
            Instant until = askedAt.plus(ttl);
            if (d.validUntil() != null && d.validUntil().isBefore(until)) {
                until = d.validUntil();
            }
            if (allowed.size() >= MAX_ENTRIES) {
                allowed.clear();
            }
            allowed.put(key, new Remembered(d, askedAt.plus(ttl.dividedBy(2)), until));
        } else {
            allowed.remove(key);
        }
        return d;
    }
}
