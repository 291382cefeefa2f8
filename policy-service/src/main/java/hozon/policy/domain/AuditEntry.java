package hozon.policy.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One change to policy: who, when, what, and the state before and after (JSON). Append-only. */
@Entity
@Table(name = "policy_audit")
public class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, updatable = false)
    public Instant at;

    @Column(nullable = false, updatable = false)
    public String actor;

    @Column(nullable = false, updatable = false)
    public String action;

    @Column(name = "entity_type", nullable = false, updatable = false)
    public String entityType;

    @Column(name = "entity_id", nullable = false, updatable = false)
    public UUID entityId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(updatable = false)
    public String before;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(updatable = false)
    public String after;

    public static List<AuditEntry> of(UUID entityId, int limit) {
        return entityId == null ? find("order by id desc").page(0, limit).list()
                : find("entityId = ?1 order by id desc", entityId).page(0, limit).list();
    }
}
