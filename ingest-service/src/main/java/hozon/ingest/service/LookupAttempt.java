package hozon.ingest.service;

import jakarta.enterprise.context.RequestScoped;

/**
 * Whether the current look-up request already left its audit entry. The look-up use case
 * writes the entry itself (with the case and what it searched); a request refused before it ran
 * (an unreadable body, a caller without the role) is written by the resource layer's filter,
 * so every attempt is audited exactly once.
 */
@RequestScoped
public class LookupAttempt {

    private boolean audited;
    private String outcome;
    private String refusal;

    void audited() {
        audited = true;
    }

    /**
     * What the attempt came to, for the look-up metrics: ANSWERED, EXPIRED or REFUSED, and for a
     * refusal a short code (never the query or the case): malformed, no-case, case-refused,
     * policy-unavailable, port-outside-port-sets.
     */
    void outcome(String outcome, String refusal) {
        this.outcome = outcome;
        this.refusal = refusal;
    }

    public String outcome() {
        return outcome;
    }

    public String refusal() {
        return refusal;
    }

    public boolean isAudited() {
        return audited;
    }
}
