package hozon.policy.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import hozon.policy.domain.Confidentiality;
import hozon.policy.rest.AuditResource;
import hozon.policy.rest.HoldView;
import hozon.security.CurrentUser;
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
        e.before = toJson(before instanceof HoldView h ? h.forAudit() : before);
        e.after = toJson(after instanceof HoldView h ? h.forAudit() : after);
        e.persist();
    }

    @Inject
    CurrentUser currentUser;

    /**
     * Entries newest first. A confidential hold's states (and the comments on its release
     * approvals) are redacted unless the reader may see its details (CCP Art. 197(5),
     * {@link Confidentiality}): the trail shows that something happened to a confidential hold,
     * never what the hold says.
     */
    @Transactional
    public List<AuditResource.AuditView> entries(UUID entityId, int limit) {
        boolean details = Confidentiality.mayReadDetails(currentUser::hasRole);
        return AuditEntry.of(entityId, limit).stream().map(e -> new AuditResource.AuditView(e.id, e.at, e.actor, e.action,
                e.entityType, e.entityId, details ? e.before : redact(e.entityType, e.before),
                details ? e.after : redact(e.entityType, e.after))).toList();
    }

    private String redact(String entityType, String state) {
        if (state == null) {
            return null;
        }
        try {
            return switch (entityType) {
                case "LEGAL_HOLD" -> json.writeValueAsString(
                        lenient(HoldView.class).<HoldView>readValue(state).redacted());
                case "APPROVAL" -> json.writeValueAsString(ApprovalService.visible(
                        lenient(ApprovalService.ApprovalView.class).readValue(state), false));
                default -> state;
            };
        } catch (JsonProcessingException e) {
            // A state this version cannot read is withheld rather than shown unredacted.
            return "{\"redacted\":\"" + Confidentiality.CCP_197_5 + "\"}";
        }
    }

    /** States written by an older version may carry fields this one no longer has. */
    private ObjectReader lenient(Class<?> type) {
        return json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
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
