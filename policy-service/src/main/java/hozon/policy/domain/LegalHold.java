package hozon.policy.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A legal hold: records in its scope (categories × selectors × time window) are never due
 * for deletion while it is in force, from {@code startsAt} until its end, release or
 * withdrawal, whichever comes first.
 */
@Entity
@Table(name = "legal_hold")
public class LegalHold extends PanacheEntityBase {

    public enum ReleaseKind {
        RELEASED,
        WITHDRAWN
    }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public HoldType type;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    /** Null for holds that last until released. */
    @Column(name = "ends_at")
    public Instant endsAt;

    @Column(name = "review_date")
    public LocalDate reviewDate;

    @Column(name = "window_from", nullable = false)
    public Instant windowFrom;

    @Column(name = "window_to", nullable = false)
    public Instant windowTo;

    @Column(nullable = false)
    public boolean confidential;

    public String authority;
    public String officer;

    @Column(name = "document_ref")
    public String documentRef;

    @Column(name = "request_date")
    public LocalDate requestDate;

    public String court;

    @Column(name = "case_number")
    public String caseNumber;

    public String reason;
    public String statute;
    public String article;

    @Column(name = "released_at")
    public Instant releasedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "release_kind")
    public ReleaseKind releaseKind;

    @Column(name = "release_reason")
    public String releaseReason;

    @Column(nullable = false)
    public String author;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "legal_hold_category", joinColumns = @JoinColumn(name = "hold_id"))
    @Column(name = "category_code")
    public Set<String> categories = new LinkedHashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "legal_hold_selector", joinColumns = @JoinColumn(name = "hold_id"))
    @OrderColumn(name = "position")
    public List<HoldSelector> selectors = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "legal_hold_extension", joinColumns = @JoinColumn(name = "hold_id"))
    @OrderColumn(name = "position")
    public List<HoldExtension> extensions = new ArrayList<>();

    /** When the hold stops protecting records: the earliest of its end and its release; null if open-ended. */
    public Instant effectiveEnd() {
        if (releasedAt != null && (endsAt == null || releasedAt.isBefore(endsAt))) {
            return releasedAt;
        }
        return endsAt;
    }

    public boolean inForceAt(Instant t) {
        Instant end = effectiveEnd();
        return !t.isBefore(startsAt) && (end == null || t.isBefore(end));
    }

    /** Days of preservation granted so far (initial period plus extensions), counted as CCP Art. 55(1) counts them. */
    public long grantedDays() {
        return endsAt == null ? 0 : HoldRules.preservedDays(startsAt, endsAt);
    }

    public static List<LegalHold> inForce(Instant t) {
        return list("startsAt <= ?1 and (endsAt is null or endsAt > ?1) and (releasedAt is null or releasedAt > ?1)"
                + " order by createdAt", t);
    }

    /**
     * A number that changes with every committed change to any hold: the count of hold entries
     * in the append-only audit trail. A count, not the highest id, so that a change committed
     * out of id order still changes it.
     */
    public static long revision() {
        return getEntityManager().createQuery("select count(a) from AuditEntry a where a.entityType = 'LEGAL_HOLD'",
                Long.class).getSingleResult();
    }

    public static List<LegalHold> newestFirst(int limit) {
        return find("order by createdAt desc").page(0, limit).list();
    }
}
