package hozon.policy.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** One version of a category's retention rule. Versions are appended, never edited. */
@Entity
@Table(name = "retention_rule")
public class RetentionRule extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "category_code", nullable = false, updatable = false)
    public String categoryCode;

    @Column(nullable = false, updatable = false)
    public int version;

    @Column(nullable = false, updatable = false)
    public String period;

    @Column(updatable = false)
    public String justification;

    @Column(name = "effective_from", nullable = false, updatable = false)
    public Instant effectiveFrom;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public RuleMode mode = RuleMode.PERIOD;

    /** Explicitly marked as exceeding the Guideline's one-year norm (needs a justification). */
    @Column(nullable = false, updatable = false)
    public boolean exceptional;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "retention_rule_purpose", joinColumns = @JoinColumn(name = "rule_id"))
    @Column(name = "purpose_code")
    public Set<String> purposes = new TreeSet<>();

    @Column(nullable = false, updatable = false)
    public String author;

    public enum Status {
        ACTIVE,
        /** Beyond the Guideline's norms and not yet approved by a second policy-admin: never in force. */
        PENDING_APPROVAL,
        REJECTED
    }

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status = Status.ACTIVE;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "approved_at")
    public Instant approvedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    public RetentionPeriod retentionPeriod() {
        return RetentionPeriod.parse(period).value()
                .orElseThrow(() -> new IllegalStateException("stored rule " + id + " has an invalid period"));
    }

    public static List<RetentionRule> history(String category) {
        return list("categoryCode = ?1 order by version", category);
    }

    public static List<RetentionRule> all() {
        return list("order by categoryCode, version");
    }

    public static int latestVersion(String category) {
        Integer v = getEntityManager()
                .createQuery("select max(r.version) from RetentionRule r where r.categoryCode = ?1", Integer.class)
                .setParameter(1, category).getSingleResult();
        return v == null ? 0 : v;
    }

    /**
     * The version in force at {@code instant} among the active ones known by {@code knownAt}
     * (created, or approved when four-eyes applied): latest effective_from at or before the
     * instant, highest version on a tie.
     */
    public static Optional<RetentionRule> inForce(String category, Instant instant, Instant knownAt) {
        return find("categoryCode = ?1 and status = ?4 and effectiveFrom <= ?2 and coalesce(approvedAt, createdAt) <= ?3"
                + " order by effectiveFrom desc, version desc", category, instant, knownAt, Status.ACTIVE)
                .firstResultOptional();
    }

    /** Whether the version in force at {@code now}, or one scheduled after it, ends retention on purpose achievement. */
    public static boolean purposeBoundNowOrLater(String category, Instant now) {
        if (inForce(category, now, now).map(r -> r.mode == RuleMode.UNTIL_PURPOSE_ACHIEVED).orElse(false)) {
            return true;
        }
        return count("categoryCode = ?1 and status = ?2 and effectiveFrom > ?3 and mode = ?4", category, Status.ACTIVE,
                now, RuleMode.UNTIL_PURPOSE_ACHIEVED) > 0;
    }
}
