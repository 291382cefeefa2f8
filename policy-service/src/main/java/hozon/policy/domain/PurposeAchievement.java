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
 * "The purpose is achieved for this subscriber or account at this instant" (e.g. billing
 * settled). For a category whose rule in force is UNTIL_PURPOSE_ACHIEVED, the selector's
 * records before {@code achievedAt} become due.
 */
@Entity
@Table(name = "purpose_achievement")
public class PurposeAchievement extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "category_code", nullable = false)
    public String categoryCode;

    @Enumerated(EnumType.STRING)
    @Column(name = "selector_kind", nullable = false)
    public SelectorKind selectorKind;

    @Column(name = "selector_value", nullable = false)
    public String selectorValue;

    @Column(name = "achieved_at", nullable = false)
    public Instant achievedAt;

    @Column(nullable = false)
    public String reason;

    @Column(nullable = false)
    public String author;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /**
     * Achievements of {@code category} known at {@code asOf}. Once its records are deleted an
     * achievement has no more effect, so only those whose cap has not yet removed everything
     * (achievedAt after the category's cutoff) are worth carrying in a plan.
     */
    public static List<PurposeAchievement> relevant(String category, Instant asOf, Instant cutoff, Instant knownAt) {
        return list("categoryCode = ?1 and achievedAt <= ?2 and achievedAt > ?3 and createdAt <= ?4 order by achievedAt",
                category, asOf, cutoff, knownAt);
    }
}
