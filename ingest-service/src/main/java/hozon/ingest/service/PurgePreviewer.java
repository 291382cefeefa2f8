package hozon.ingest.service;

import hozon.ingest.domain.PurgeOrder;
import hozon.ingest.rest.PurgePreviewView;
import hozon.ingest.store.Partition;
import hozon.ingest.store.PartitionManager;
import hozon.ingest.store.PartitionPurger;
import hozon.ingest.store.RecordKind;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts what a plan would remove, without removing anything: the dry run, and the
 * compliance view's "records overdue" and "oldest overdue record".
 */
@ApplicationScoped
public class PurgePreviewer {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PartitionManager partitions;

    @Inject
    PartitionPurger purger;

    @Inject
    Clock clock;

    public PurgePreviewView preview(PurgeOrder order) throws SQLException {
        List<PurgePreviewView.CategoryPreview> out = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            for (PurgeOrder.Cutoff cut : order.cutoffs()) {
                var kind = RecordKind.ofCategory(cut.category());
                if (kind.isEmpty()) {
                    unknown.add(cut.category());
                    continue;
                }
                RecordKind k = kind.get();
                Instant cutoff = cut.cutoff().toInstant();
                List<PurgeOrder.Hold> holds = order.holdsOrEmpty().stream()
                        .filter(h -> h.categories().contains(k.category())).toList();
                List<String> toDrop = new ArrayList<>();
                for (Partition p : partitions.list(c, k)) {
                    if (!p.to().isAfter(cutoff)) {
                        toDrop.add(p.name());
                    }
                }
                long due = 0;
                long held = 0;
                Instant oldest = null;
                for (String relation : List.of(k.table(), k.preservedTable())) {
                    PartitionPurger.DueCount r = purger.preview(c, relation, k, cutoff, holds);
                    due += r.due();
                    held += r.held();
                    Instant o = r.oldestDue();
                    if (o != null && (oldest == null || o.isBefore(oldest))) {
                        oldest = o;
                    }
                }
                out.add(new PurgePreviewView.CategoryPreview(k.category(), cutoff, toDrop, due, held, oldest));
            }
        }
        return new PurgePreviewView(clock.instant(), out, unknown);
    }
}
