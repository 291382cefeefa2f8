package hozon.ingest.radius;

import hozon.ingest.config.IngestConfig;
import hozon.ingest.store.IdentityCodec;
import hozon.ingest.store.LogStore;
import hozon.ingest.store.Partition;
import hozon.ingest.store.PartitionManager;
import hozon.ingest.store.RecordKind;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * RADIUS accounting into session intervals (issue #4 §2). Start, Interim-Update and Stop of one
 * (NAS, Acct-Session-Id) form one interval per address, [start, end), start = event time less
 * Acct-Session-Time. A session with no Stop stays open until its NAS sends Accounting-On/Off
 * (end = that packet's time) or until {@code hozon.ingest.sessions.stale-after} after its last
 * packet (end = last packet + stale-after, cause "Stale"). Once closed, a session is never
 * reopened or duplicated: later packets for it are acknowledged and change nothing. Packets of
 * one session are serialised by an advisory lock, so retransmits arriving together store one row.
 */
@ApplicationScoped
public class RadiusSessions {

    private static final Logger LOG = Logger.getLogger(RadiusSessions.class);

    /** What a closing state update returns: the log row's key and the end. */
    private static final String RETURNING_CLOSED = " returning host(assigned_ip) || '/' || masklen(assigned_ip),"
            + " started_at, nas_id, session_id, closed_at";
    private static final String CLOSE_LOG = "update ap_session set ended_at = greatest(?, started_at), end_cause = ?"
            + " where assigned_ip = ?::inet and started_at = ? and nas_id = ? and session_id = ? and ended_at is null"
            // the routing key too: one shard on a sharded store (V15)
            + " and route_key = ?::inet";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PartitionManager partitions;

    @Inject
    IdentityCodec codec;

    @Inject
    IngestConfig config;

    @Inject
    Clock clock;

    /** What one packet did. */
    public record Outcome(int opened, int closed) {
    }

    public Outcome apply(AccountingPacket p, Instant receivedAt) throws SQLException {
        Set<Partition> days = new LinkedHashSet<>();
        days.add(Partition.of(RecordKind.AP_SESSION, p.sessionStart()));
        days.add(Partition.of(RecordKind.AP_SESSION, p.eventTime()));
        partitions.ensure(days);
        return record(p, receivedAt);
    }

    /** The packet's transaction, after its days' partitions exist (self-invoked, intercepted by ArC). */
    @Transactional(rollbackOn = SQLException.class)
    Outcome record(AccountingPacket p, Instant receivedAt) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return p.status().isNasWide() ? nasRestarted(c, p) : session(c, p, receivedAt);
        }
    }

    private Outcome session(Connection c, AccountingPacket p, Instant receivedAt) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "radius/" + p.nasId() + "/" + p.sessionId());
            lock.execute();
        }
        boolean any;
        boolean closed;
        try (PreparedStatement ps = c.prepareStatement("select count(*), coalesce(bool_or(closed_at is not null), false)"
                + " from radius_session_state where nas_id = ? and session_id = ?")) {
            ps.setString(1, p.nasId());
            ps.setString(2, p.sessionId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                any = rs.getLong(1) > 0;
                closed = rs.getBoolean(2);
            }
        }
        if (closed) {
            LOG.debugf("accounting %s for a closed session: acknowledged, nothing changed", p.status().radiusName());
            return new Outcome(0, 0);
        }
        Set<String> known = new LinkedHashSet<>();
        if (any && !p.addresses().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("select a from unnest(?::text[]) a where exists (select 1 from"
                    + " radius_session_state s where s.nas_id = ? and s.session_id = ? and s.assigned_ip = a::inet)")) {
                ps.setArray(1, c.createArrayOf("text", p.addresses().toArray()));
                ps.setString(2, p.nasId());
                ps.setString(3, p.sessionId());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        known.add(rs.getString(1));
                    }
                }
            }
        }
        Instant t = p.eventTime();
        int opened = 0;
        for (String a : p.addresses()) {
            if (known.contains(a)) {
                try (PreparedStatement ps = c.prepareStatement("update radius_session_state set last_seen_at ="
                        + " greatest(last_seen_at, ?) where nas_id = ? and session_id = ? and assigned_ip = ?::inet")) {
                    ps.setObject(1, utc(t));
                    ps.setString(2, p.nasId());
                    ps.setString(3, p.sessionId());
                    ps.setString(4, a);
                    ps.executeUpdate();
                }
                continue;
            }
            // The session's first packet dates it back by its session time; an address that appears
            // only in a later packet is known from that packet on.
            Instant start = LogStore.micros(any ? t : p.sessionStart());
            try (PreparedStatement ps = c.prepareStatement("insert into radius_session_state (nas_id, session_id,"
                    + " assigned_ip, started_at, last_seen_at) values (?, ?, ?::inet, ?, ?)")) {
                ps.setString(1, p.nasId());
                ps.setString(2, p.sessionId());
                ps.setString(3, a);
                ps.setObject(4, utc(start));
                ps.setObject(5, utc(t));
                ps.executeUpdate();
            }
            String category = RecordKind.AP_SESSION.category();
            String record = LogStore.sessionRecord(p.nasId(), p.sessionId(), start);
            opened += LogStore.insertRadiusSession(c, a, start, p.nasId(), p.sessionId(),
                    codec.encrypt(IdentityCodec.IdentityField.SUBSCRIBER, category, start, record, p.userName()),
                    codec.blindIndex(IdentityCodec.IdentityField.SUBSCRIBER, category, start, p.userName()),
                    codec.encrypt(IdentityCodec.IdentityField.CALLING_STATION, category, start, record,
                            p.callingStationId()), p.multiSessionId(),
                    codec.encrypt(IdentityCodec.IdentityField.MOBILE_USER, category, start, record, p.mobileUserId()),
                    codec.encrypt(IdentityCodec.IdentityField.SIM, category, start, record, p.simId()), receivedAt);
        }
        int ended = 0;
        if (p.status() == AccountingPacket.Status.STOP) {
            String cause = p.terminateCause() == null ? "Stop" : p.terminateCause();
            ended = close(c, "update radius_session_state set closed_at = ? where nas_id = ? and session_id = ?"
                    + " and closed_at is null" + RETURNING_CLOSED, cause, utc(t), p.nasId(), p.sessionId());
        }
        return new Outcome(opened, ended);
    }

    /** Accounting-On/Off: the NAS (re)started, so every session it had open before then has ended. */
    private Outcome nasRestarted(Connection c, AccountingPacket p) throws SQLException {
        int ended = close(c, "update radius_session_state set closed_at = ? where nas_id = ? and closed_at is null"
                + " and started_at <= ?" + RETURNING_CLOSED, p.status().radiusName(), utc(p.eventTime()), p.nasId(),
                utc(p.eventTime()));
        LOG.debugf("NAS %s: %d open session address(es) ended", p.status().radiusName(), ended);
        return new Outcome(0, ended);
    }

    /** Runs a state update (ending in {@link #RETURNING_CLOSED}) and ends the log rows of what it closed. */
    private static int close(Connection c, String stateUpdate, String cause, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(stateUpdate)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return endLogRows(c, closedRows(ps), cause);
        }
    }

    private static List<Object[]> closedRows(PreparedStatement ps) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Object[] {rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                        rs.getString(4), rs.getObject(5, OffsetDateTime.class)});
            }
        }
        return rows;
    }

    private static int endLogRows(Connection c, List<Object[]> rows, String cause) throws SQLException {
        int ended = 0;
        try (PreparedStatement ps = c.prepareStatement(CLOSE_LOG)) {
            for (Object[] r : rows) {
                ps.setObject(1, r[4]);
                ps.setString(2, cause);
                ps.setString(3, (String) r[0]);
                ps.setObject(4, r[1]);
                ps.setString(5, (String) r[2]);
                ps.setString(6, (String) r[3]);
                ps.setString(7, hozon.ingest.store.RouteKeys.of((String) r[0]));
                ended += ps.executeUpdate();
            }
        }
        return ended;
    }

    @Scheduled(every = "1m", delay = 1, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void housekeeping() {
        try {
            closeStale();
        } catch (SQLException e) {
            LOG.warn("closing stale RADIUS sessions failed; will retry", e);
        }
    }

    /**
     * Ends sessions silent for longer than stale-after at last packet + stale-after, and forgets
     * the state of sessions closed longer ago than closed-state-retention.
     *
     * @return how many session addresses were ended
     */
    @Transactional(rollbackOn = SQLException.class)
    public int closeStale() throws SQLException {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            int ended = close(c, "update radius_session_state set closed_at = last_seen_at + ?::interval where"
                    + " closed_at is null and last_seen_at < ?" + RETURNING_CLOSED, "Stale",
                    config.sessions().staleAfter().getSeconds() + " seconds",
                    utc(now.minus(config.sessions().staleAfter())));
            try (PreparedStatement ps = c.prepareStatement("delete from radius_session_state where closed_at < ?")) {
                ps.setObject(1, utc(now.minus(config.sessions().closedStateRetention())));
                ps.executeUpdate();
            }
            if (ended > 0) {
                LOG.infof("%d RADIUS session address(es) without Stop ended as stale", ended);
            }
            return ended;
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
