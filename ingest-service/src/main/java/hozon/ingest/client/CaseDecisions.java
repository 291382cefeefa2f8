package hozon.ingest.client;

import hozon.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * policy-service's answer to "may case C run look-up Q on category K now?". An "allowed" is
 * relied on for {@code hozon.ingest.lookup.decision-ttl} and never past the case's validity, so
 * that a burst of look-ups under one warrant does not pay a policy-service round trip each; a
 * refusal is never remembered, and an unreachable policy-service refuses every case not
 * confirmed within that time.
 */
@ApplicationScoped
public class CaseDecisions {

    /** Bound on remembered decisions; cases are few, so this is only a guard against abuse. */
    private static final int MAX_ENTRIES = 10_000;

    @Inject
    @RestClient
    PolicyClient policy;

    @Inject
    IngestConfig config;

    @Inject
    Clock clock;

    private final Map<Key, Remembered> allowed = new ConcurrentHashMap<>();

    private record Key(UUID caseId, String lookup, String category) {
    }

    private record Remembered(PolicyClient.CaseDecision decision, Instant until) {
    }

    /** @throws RuntimeException when policy-service cannot answer and no fresh "allowed" is known */
    public PolicyClient.CaseDecision decide(UUID caseId, String lookup, String category) {
        Key key = new Key(caseId, lookup, category);
        Instant now = clock.instant();
        Remembered r = allowed.get(key);
        if (r != null && now.isBefore(r.until())) {
            return r.decision();
        }
        PolicyClient.CaseDecision d = policy.decide(new PolicyClient.CaseDecisionRequest(caseId, lookup, category));
        if (d.allowed() && !config.lookup().decisionTtl().isZero()) {
            Instant until = now.plus(config.lookup().decisionTtl());
            if (d.validUntil() != null && d.validUntil().isBefore(until)) {
                until = d.validUntil();
            }
            if (allowed.size() >= MAX_ENTRIES) {
                allowed.clear();
            }
            allowed.put(key, new Remembered(d, until));
        } else {
            allowed.remove(key);
        }
        return d;
    }
}
