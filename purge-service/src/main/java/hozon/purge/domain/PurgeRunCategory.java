package hozon.purge.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** What one run removed from one category, and under which rule version. Counts only. */
@Entity
@Table(name = "purge_run_category")
public class PurgeRunCategory {

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "run_id")
        public UUID runId;

        public String category;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(runId, k.runId) && Objects.equals(category, k.category);
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, category);
        }
    }

    @EmbeddedId
    public Key key = new Key();

    @MapsId("runId")
    @ManyToOne
    @JoinColumn(name = "run_id")
    public PurgeRun run;

    @Column(name = "rule_id", nullable = false)
    public UUID ruleId;

    @Column(name = "rule_version", nullable = false)
    public int ruleVersion;

    @Column(nullable = false)
    public String period;

    @Column(name = "plan_cutoff", nullable = false)
    public Instant planCutoff;

    @Column(name = "applied_cutoff", nullable = false)
    public Instant appliedCutoff;

    @Column(name = "partitions_dropped", nullable = false)
    public int partitionsDropped;

    /** Every row removed: dropped partitions, row-wise deletes and purpose achievement. */
    @Column(name = "rows_deleted", nullable = false)
    public long rowsDeleted;

    @Column(name = "rows_deleted_for_purpose", nullable = false)
    public long rowsDeletedForPurpose;

    /** Rows that left the preservation area in this run. */
    @Column(name = "rows_released", nullable = false)
    public long rowsReleased;

    /** Rows past the cutoff that a hold kept. */
    @Column(name = "rows_held", nullable = false)
    public long rowsHeld;

    /** Day keys destroyed in this category by the run: {@code id@day@destroyedAt}, comma-separated. */
    @Column(name = "keys_destroyed", nullable = false)
    public String keysDestroyed = "";
}
