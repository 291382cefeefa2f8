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
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/** A legal basis for look-ups: what it allows, on which categories, and when. */
@Entity
@Table(name = "legal_case")
public class LegalCase extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CaseType type;

    @Column(nullable = false)
    public String reference;

    @Column(nullable = false)
    public String issuer;

    public String description;

    @Column(name = "valid_from", nullable = false)
    public Instant validFrom;

    @Column(name = "valid_to", nullable = false)
    public Instant validTo;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(nullable = false)
    public String author;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "legal_case_scope", joinColumns = @JoinColumn(name = "case_id"))
    @Column(name = "lookup_kind")
    @Enumerated(EnumType.STRING)
    public Set<LookupKind> lookups = new LinkedHashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "legal_case_category", joinColumns = @JoinColumn(name = "case_id"))
    @Column(name = "category_code")
    public Set<String> categories = new LinkedHashSet<>();

    /** Allow or deny a look-up at {@code now}, with the reason: {@link LookupAuthorisation}. */
    public LookupAuthorisation.Decision decide(LookupKind lookup, String category, Instant now) {
        return LookupAuthorisation.decide(this, lookup, category, now);
    }
}
