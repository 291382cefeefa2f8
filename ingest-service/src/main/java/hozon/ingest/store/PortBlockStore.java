package hozon.ingest.store;

import hozon.ingest.config.IngestConfig;
import hozon.ingest.domain.PortBlockEventRecord;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

/**
 * Port-block events into intervals, in one transaction per batch, in event-time order. An
 * allocation opens a block (a repeated allocation is the same row) and ends any still-open block
 * of the same public ports; a release ends the open block it names. A release finding no open
 * block (repeated, or its allocation never arrived) changes nothing: a closed block is never
 * reopened or duplicated, and no interval is invented for an allocation nobody saw.
 */
@ApplicationScoped
public class PortBlockStore {

    private static final String ALLOCATE = "insert into ap_port_block (public_ip, allocated_at, port_start, port_end,"
            + " inside_ip, device_id, received_at) values (?::inet, ?, ?, ?, ?::inet, ?, ?) on conflict do nothing"
            + " returning allocated_at";
    /** The same public ports can belong to one inside address at a time: a new allocation ends the old one. */
    private static final String SUPERSEDE = "update ap_port_block set released_at = ? where public_ip = ?::inet"
            + " and int4range(port_start, port_end, '[]') && int4range(?, ?, '[]') and released_at is null"
            + " and allocated_at < ? and allocated_at >= ?";
    private static final String RELEASE = "update ap_port_block set released_at = ? where public_ip = ?::inet"
            + " and port_start = ? and port_end = ? and inside_ip = ?::inet and released_at is null"
            + " and allocated_at <= ? and allocated_at >= ?";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IngestConfig config;

    /** @return blocks opened (stored), blocks closed (ended) */
    @Transactional(Transactional.TxType.MANDATORY)
    public Written apply(List<PortBlockEventRecord> events, Instant receivedAt) throws SQLException {
        List<PortBlockEventRecord> ordered = events.stream()
                .sorted(Comparator.comparing(e -> e.occurredAt().toInstant())).toList();
        int opened = 0;
        int closed = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement allocate = c.prepareStatement(
                        Volumes.trackingStatement(ALLOCATE, "allocated_at", 1));
                PreparedStatement supersede = c.prepareStatement(SUPERSEDE);
                PreparedStatement release = c.prepareStatement(RELEASE)) {
            for (PortBlockEventRecord e : ordered) {
                Instant t = e.occurredAt().toInstant();
                OffsetDateTime at = utc(t);
                OffsetDateTime lookBack = utc(t.minus(config.portBlocks().maxOpen()));
                if (e.event() == PortBlockEventRecord.Event.ALLOCATE) {
                    allocate.setString(1, e.publicIp());
                    allocate.setObject(2, at);
                    allocate.setInt(3, e.portStart());
                    allocate.setInt(4, e.portEnd());
                    allocate.setString(5, e.insideIp());
                    allocate.setString(6, e.deviceId() == null ? "" : e.deviceId());
                    allocate.setObject(7, utc(receivedAt));
                    allocate.setString(8, RecordKind.AP_PORT_BLOCK.category());
                    long inserted;
                    try (ResultSet rs = allocate.executeQuery()) {
                        inserted = Volumes.total(Volumes.read(rs));
                    }
                    if (inserted > 0) {
                        opened++;
                        supersede.setObject(1, at);
                        supersede.setString(2, e.publicIp());
                        supersede.setInt(3, e.portStart());
                        supersede.setInt(4, e.portEnd());
                        supersede.setObject(5, at);
                        supersede.setObject(6, lookBack);
                        closed += supersede.executeUpdate();
                    }
                } else {
                    release.setObject(1, at);
                    release.setString(2, e.publicIp());
                    release.setInt(3, e.portStart());
                    release.setInt(4, e.portEnd());
                    release.setString(5, e.insideIp());
                    release.setObject(6, at);
                    release.setObject(7, lookBack);
                    closed += release.executeUpdate();
                }
            }
        }
        return new Written(opened, closed);
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
