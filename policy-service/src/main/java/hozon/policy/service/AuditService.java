package hozon.policy.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import hozon.policy.domain.AuditEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Appends to the policy audit trail, inside the caller's transaction: no change without its entry. */
@ApplicationScoped
public class AuditService {

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, String entityType, UUID entityId, Object before, Object after) {
        AuditEntry e = new AuditEntry();
        e.at = clock.instant();
        e.actor = actor;
        e.action = action;
        e.entityType = entityType;
        e.entityId = entityId;
        e.before = toJson(before);
        e.after = toJson(after);
        e.persist();
    }

    @Transactional
    public List<AuditEntry> entries(UUID entityId, int limit) {
        return AuditEntry.of(entityId, limit);
    }

    private String toJson(Object o) {
        if (o == null) {
            return null;
        }
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit state not serialisable", e);
        }
    }
}
