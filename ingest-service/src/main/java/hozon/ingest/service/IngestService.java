package hozon.ingest.service;

import hozon.ingest.rest.ApSessionRecord;
import hozon.ingest.rest.Batch;
import hozon.ingest.rest.CpEventRecord;
import hozon.ingest.store.LogStore;
import hozon.ingest.store.Partition;
import hozon.ingest.store.PartitionManager;
import hozon.ingest.store.RecordKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Validates a batch as a whole, makes sure its day partitions exist, then stores it in one
 * transaction. A batch is answered only after commit.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);
    /** PostgreSQL: "no partition of relation … found for row" (the day was dropped meanwhile). */
    private static final String NO_PARTITION = "23514";

    @Inject
    RecordValidator validator;

    @Inject
    PartitionManager partitions;

    @Inject
    LogStore store;

    @Inject
    Clock clock;

    public Batch.Result ingestSessions(List<ApSessionRecord> records) throws SQLException {
        validator.checkSessions(records);
        Set<Partition> days = new LinkedHashSet<>();
        for (ApSessionRecord r : records) {
            days.add(Partition.of(RecordKind.AP_SESSION, r.start().toInstant()));
        }
        Instant received = clock.instant();
        int stored = withPartitions(days, () -> store.insertSessions(records, received));
        LOG.debugf("AP session batch: %d received, %d stored", records.size(), stored);
        return new Batch.Result(records.size(), stored, records.size() - stored);
    }

    public Batch.Result ingestCpEvents(List<CpEventRecord> records) throws SQLException {
        validator.checkCpEvents(records);
        Map<RecordKind, List<CpEventRecord>> byKind = new EnumMap<>(RecordKind.class);
        Set<Partition> days = new LinkedHashSet<>();
        for (CpEventRecord r : records) {
            RecordKind kind = r.kind().store();
            byKind.computeIfAbsent(kind, k -> new java.util.ArrayList<>()).add(r);
            days.add(Partition.of(kind, r.occurredAt().toInstant()));
        }
        Instant received = clock.instant();
        int stored = withPartitions(days, () -> store.insertCpEvents(byKind, received));
        LOG.debugf("CP event batch: %d received, %d stored", records.size(), stored);
        return new Batch.Result(records.size(), stored, records.size() - stored);
    }

    private int withPartitions(Set<Partition> days, SqlWork work) throws SQLException {
        partitions.ensure(days);
        try {
            return work.run();
        } catch (SQLException e) {
            if (!NO_PARTITION.equals(e.getSQLState())) {
                throw e;
            }
            // A purge dropped one of these days after we believed it existed: create it again, once.
            days.forEach(partitions::forget);
            partitions.ensure(days);
            return work.run();
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        int run() throws SQLException;
    }
}
