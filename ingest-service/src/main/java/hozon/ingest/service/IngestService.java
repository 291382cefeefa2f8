package hozon.ingest.service;

import hozon.ingest.client.CategoryCache;
import hozon.ingest.domain.ApSessionRecord;
import hozon.ingest.rest.Batch;
import hozon.ingest.domain.CpEventRecord;
import hozon.ingest.domain.PortBlockEventRecord;
import hozon.ingest.store.LogStore;
import hozon.ingest.store.Partition;
import hozon.ingest.store.PartitionManager;
import hozon.ingest.store.PortBlockStore;
import hozon.ingest.store.RecordKind;
import hozon.ingest.metrics.IngestMetrics;
import hozon.ingest.store.Written;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
 * Validates records, makes sure their category is registered and their day partitions exist,
 * then stores them in one transaction (partitions are created in their own, before it). The {@code ingest…} methods take a JSON batch (refused
 * whole if any record is invalid); the {@code store…} methods take records already validated
 * (an NDJSON chunk). Either answers only after commit.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);

    @Inject
    RecordValidator validator;

    @Inject
    PartitionManager partitions;

    @Inject
    LogStore store;

    @Inject
    PortBlockStore portBlocks;

    @Inject
    CategoryCache categories;

    @Inject
    Clock clock;

    @Inject
    hozon.ingest.metrics.IngestMetrics metrics;

    public Batch.Result ingestSessions(List<ApSessionRecord> records) throws SQLException {
        validator.checkSessions(records);
        return storeSessions(records);
    }

    public Batch.Result ingestCpEvents(List<CpEventRecord> records) throws SQLException {
        validator.checkCpEvents(records);
        return storeCpEvents(records);
    }

    public Batch.Result ingestPortBlocks(List<PortBlockEventRecord> records) throws SQLException {
        validator.checkPortBlocks(records);
        return storePortBlocks(records);
    }

    public Batch.Result storeSessions(List<ApSessionRecord> records) throws SQLException {
        categories.require(RecordKind.AP_SESSION);
        Set<Partition> days = new LinkedHashSet<>();
        for (ApSessionRecord r : records) {
            days.add(Partition.of(RecordKind.AP_SESSION, r.start().toInstant()));
        }
        Instant received = clock.instant();
        Written n = partitions.withPartitions(days, () -> writeSessions(records, received));
        LOG.debugf("AP session records: %d received, %d stored, %d ended", records.size(), n.stored(), n.ended());
        Batch.Result result = Batch.Result.of(records.size(), n.stored(), n.ended());
        metrics.written(IngestMetrics.AP_SESSIONS, RecordKind.AP_SESSION.category(), n.stored() + n.ended(),
                result.duplicates());
        records.stream().map(ApSessionRecord::nasId).distinct().forEach(d -> metrics.seen(IngestMetrics.AP_SESSIONS, d));
        return result;
    }

    public Batch.Result storeCpEvents(List<CpEventRecord> records) throws SQLException {
        Map<RecordKind, List<CpEventRecord>> byKind = new EnumMap<>(RecordKind.class);
        Set<Partition> days = new LinkedHashSet<>();
        for (CpEventRecord r : records) {
            RecordKind kind = r.kind().store();
            byKind.computeIfAbsent(kind, k -> new java.util.ArrayList<>()).add(r);
            days.add(Partition.of(kind, r.occurredAt().toInstant()));
        }
        byKind.keySet().forEach(categories::require);
        Instant received = clock.instant();
        Written n = partitions.withPartitions(days, () -> writeCpEvents(byKind, received));
        LOG.debugf("CP events: %d received, %d stored", records.size(), n.stored());
        Batch.Result result = Batch.Result.of(records.size(), n.stored(), 0);
        String category = byKind.size() == 1 ? byKind.keySet().iterator().next().category() : "cp";
        metrics.written(IngestMetrics.CP_EVENTS, category, n.stored(), result.duplicates());
        return result;
    }

    public Batch.Result storePortBlocks(List<PortBlockEventRecord> records) throws SQLException {
        categories.require(RecordKind.AP_PORT_BLOCK);
        Set<Partition> days = new LinkedHashSet<>();
        for (PortBlockEventRecord r : records) {
            if (r.event() == PortBlockEventRecord.Event.ALLOCATE) {
                days.add(Partition.of(RecordKind.AP_PORT_BLOCK, r.occurredAt().toInstant()));
            }
        }
        Instant received = clock.instant();
        Written n = partitions.withPartitions(days, () -> writePortBlocks(records, received));
        LOG.debugf("port-block events: %d received, %d blocks opened, %d closed", records.size(), n.stored(), n.ended());
        Batch.Result result = Batch.Result.of(records.size(), n.stored(), n.ended());
        metrics.written(IngestMetrics.PORT_BLOCKS, RecordKind.AP_PORT_BLOCK.category(), n.stored() + n.ended(),
                result.duplicates());
        records.stream().map(PortBlockEventRecord::deviceId).distinct()
                .forEach(d -> metrics.seen(IngestMetrics.PORT_BLOCKS, d));
        return result;
    }

    // The writes are this use case's transactions (self-invoked: ArC intercepts calls on the bean's
    // own non-private methods). They are separate from the orchestration above because a batch may
    // have to be written twice: PostgreSQL aborts a transaction whose insert found no partition.

    @Transactional(rollbackOn = SQLException.class)
    Written writeSessions(List<ApSessionRecord> records, Instant received) throws SQLException {
        return store.insertSessions(records, received);
    }

    @Transactional(rollbackOn = SQLException.class)
    Written writeCpEvents(Map<RecordKind, List<CpEventRecord>> byKind, Instant received) throws SQLException {
        return new Written(store.insertCpEvents(byKind, received), 0);
    }

    @Transactional(rollbackOn = SQLException.class)
    Written writePortBlocks(List<PortBlockEventRecord> records, Instant received) throws SQLException {
        return portBlocks.apply(records, received);
    }
}
