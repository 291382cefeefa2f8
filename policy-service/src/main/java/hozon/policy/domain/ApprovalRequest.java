package hozon.policy.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Four-eyes: a change that waits for a second, different principal. Until approved it changes
 * nothing (a pending rule is never in force; a hold stays in force).
 */
@Entity
@Table(name = "approval_request")
public class ApprovalRequest extends PanacheEntityBase {

    public enum Kind {
        /** Activating a rule version beyond the Guideline's norms; approved by another policy-admin. */
        RULE_ACTIVATION,
        /** Releasing or withdrawing a hold; approved by another legal officer. */
        HOLD_RELEASE
    }

    public enum Status {
        PENDING,
        APPROVED,
        REJECTED
    }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "target_id", nullable = false)
    public UUID targetId;

    /** For a hold release, its reason. */
    public String detail;

    @Enumerated(EnumType.STRING)
    @Column(name = "release_kind")
    public LegalHold.ReleaseKind releaseKind;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    public String comment;

    public static List<ApprovalRequest> byStatus(Status status, int limit) {
        return status == null ? find("order by requestedAt desc").page(0, limit).list()
                : find("status = ?1 order by requestedAt desc", status).page(0, limit).list();
    }

    public static boolean pendingFor(UUID targetId, Kind kind) {
        return count("targetId = ?1 and kind = ?2 and status = ?3", targetId, kind, Status.PENDING) > 0;
    }
}
