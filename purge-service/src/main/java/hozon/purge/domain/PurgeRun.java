package hozon.purge.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** One purge run: which plan it executed, what went, and how it ended. */
@Entity
@Table(name = "purge_run")
public class PurgeRun extends PanacheEntityBase {

    public enum Trigger {
        SCHEDULED,
        MANUAL
    }

    public enum Outcome {
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Trigger trigger;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Outcome outcome;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "plan_as_of")
    public Instant planAsOf;

    @Column(name = "plan_digest")
    public String planDigest;

    /** Digest of the plan as known a grace period ago, the second half of what the run applied. */
    @Column(name = "known_plan_digest")
    public String knownPlanDigest;

    @OneToMany(mappedBy = "run", cascade = CascadeType.ALL, fetch = FetchType.EAGER)
    public List<PurgeRunCategory> categories = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "purge_run_hold", joinColumns = @JoinColumn(name = "run_id"))
    @Column(name = "hold_id")
    public Set<UUID> holdsHonoured = new LinkedHashSet<>();

    public static List<PurgeRun> running() {
        return list("outcome", Outcome.RUNNING);
    }

    public static PurgeRun lastSucceeded() {
        return find("outcome = ?1 order by finishedAt desc", Outcome.SUCCEEDED).firstResult();
    }

    public static List<PurgeRun> latest(int limit) {
        return find("order by startedAt desc").page(0, limit).list();
    }
}
