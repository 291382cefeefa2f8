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

    void audited() {
        audited = true;
    }

    public boolean isAudited() {
        return audited;
    }
}
