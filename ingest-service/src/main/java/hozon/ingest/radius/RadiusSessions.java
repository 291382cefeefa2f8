package hozon.ingest.radius;

import hozon.ingest.config.IngestConfig;
import hozon.ingest.store.IdentityCodec;
import hozon.ingest.store.LogStore;
import hozon.ingest.store.Partition;
import hozon.ingest.store.PartitionManager;
import hozon.ingest.store.RecordKind;
import hozon.concurrent.GroupCommit;
import hozon.problem.Problem;
import hozon.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
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
 * Concurrent packets are written in group commits ({@code hozon.ingest.sessions.writers},
 * {@code max-batch}): one transaction and one commit for many packets, each answered after it.
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
    hozon.ingest.feed.WriteGate gate;

    @Inject
    IdentityCodec codec;

    @Inject
    IngestConfig config;

    @Inject
    Clock clock;

    /** What one packet did. */
    public record Outcome(int opened, int closed) {
    }

    /** A packet and when it arrived: what a group commit takes. */
    record Received(AccountingPacket packet, Instant at) {
    }

    private GroupCommit<Received, Outcome> writes;

    @PostConstruct
    void init() {
        // this: ArC's intercepted subclass, so recordAll runs in its @Transactional.
        writes = new GroupCommit<>("radius-writer", config.sessions().writers(), config.sessions().maxBatch(),
                config.sessions().maxQueued(), this::write);
    }

    /** Packets still queued at shutdown are written before the service stops (their requests wait for them). */
    void flush(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent stop) {
        writes.flush(config.sessions().commitTimeout());
    }

    /**
     * Stores one packet and returns after its commit. Its days' partitions are made first (and
     * again if a purge dropped one meanwhile); the packet then joins the next group commit (issue
     * #19): concurrent packets share one transaction and one commit, each still applied in arrival
     * order with its own outcome.
     */
    public Outcome apply(AccountingPacket p, Instant receivedAt) throws SQLException {
        Set<Partition> days = new LinkedHashSet<>();
        days.add(Partition.of(RecordKind.AP_SESSION, p.sessionStart()));
        days.add(Partition.of(RecordKind.AP_SESSION, p.eventTime()));
        Received packet = new Received(p, receivedAt);
        return partitions.withPartitions(days, () -> commit(packet));
    }

    private Outcome commit(Received packet) throws SQLException {
        try {
            return writes.await(packet, config.sessions().commitTimeout());
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Packets wait for a commit holding no connection, so the write gate's bound is not
            // theirs; the queue's is (hozon.ingest.sessions.max-queued), refused with the same 503.
            throw gate.overloaded();
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ProblemException(new Problem("commit-not-confirmed", "Commit not confirmed", 503,
                    "The packet's commit was not confirmed in time; it may still be stored. Send it again: a repeated"
                            + " packet is acknowledged and stores nothing new").with("retryAfterSeconds", 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the packet's commit", e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One group commit. If its transaction fails, each packet is written again in a transaction of
     * its own, so that one packet the store refuses fails alone and the others are stored.
     */
    private void write(List<GroupCommit.Pending<Received, Outcome>> batch) {
        List<Outcome> outcomes;
        try {
            outcomes = recordAll(batch.stream().map(GroupCommit.Pending::item).toList());
        } catch (SQLException | RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).done().completeExceptionally(e);
                return;
            }
            LOG.debugf("a RADIUS group commit of %d packets failed (%s): each again on its own", batch.size(), e);
            for (GroupCommit.Pending<Received, Outcome> p : batch) {
                try {
                    p.done().complete(recordAll(List.of(p.item())).get(0));
                } catch (SQLException | RuntimeException alone) {
                    p.done().completeExceptionally(alone);
                }
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(outcomes.get(i));
        }
    }

    /**
     * The packets' transaction, after their days' partitions exist (called on the intercepted
     * instance). Every session the packets touch is locked first, in one statement and in
     * ascending order of the lock keys — so writers here and on other replicas never wait on
     * each other in a cycle — then each packet is applied in order.
     */
    @Transactional(rollbackOn = SQLException.class)
    List<Outcome> recordAll(List<Received> packets) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<String> keys = new ArrayList<>();
            for (Received r : packets) {
                if (!r.packet().status().isNasWide()) {
                    keys.add("radius/" + r.packet().nasId() + "/" + r.packet().sessionId());
                }
            }
            if (!keys.isEmpty()) {
                try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(k) from (select distinct"
                        + " hashtext(x) as k from unnest(?::text[]) x order by 1) ordered")) {
                    lock.setArray(1, c.createArrayOf("text", keys.toArray()));
                    lock.execute();
                }
            }
            List<Outcome> outcomes = new ArrayList<>(packets.size());
            List<Instant> stored = new ArrayList<>();
            for (Received r : packets) {
                outcomes.add(r.packet().status().isNasWide() ? nasRestarted(c, r.packet())
                        : session(c, r.packet(), r.at(), stored));
            }
            // the hourly stored volumes once for the whole group, in its transaction
            LogStore.countStored(c, RecordKind.AP_SESSION, stored);
            return outcomes;
        }
    }

    /** One packet of one session, its session locked by the caller. */
    private Outcome session(Connection c, AccountingPacket p, Instant receivedAt, List<Instant> stored)
            throws SQLException {
        // The session's state in one statement: whether it exists, whether it is closed, and which
        // of the packet's addresses it already has.
        boolean any = false;
        boolean closed = false;
        Set<String> known = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("select a.a, s.closed_at is not null from radius_session_state s"
                + " left join unnest(?::text[]) a(a) on s.assigned_ip = a.a::inet where s.nas_id = ? and s.session_id = ?")) {
            ps.setArray(1, c.createArrayOf("text", p.addresses().toArray()));
            ps.setString(2, p.nasId());
            ps.setString(3, p.sessionId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    any = true;
                    closed |= rs.getBoolean(2);
                    if (rs.getString(1) != null) {
                        known.add(rs.getString(1));
                    }
                }
            }
        }
        if (closed) {
            LOG.debugf("accounting %s for a closed session: acknowledged, nothing changed", p.status().radiusName());
            return new Outcome(0, 0);
        }
        Instant t = p.eventTime();
        // (a Stop closes the session below: when it was last seen no longer matters)
        if (!known.isEmpty() && p.status() != AccountingPacket.Status.STOP) {
            try (PreparedStatement ps = c.prepareStatement("update radius_session_state set last_seen_at ="
                    + " greatest(last_seen_at, ?) where nas_id = ? and session_id = ? and assigned_ip = any(?::inet[])")) {
                ps.setObject(1, utc(t));
                ps.setString(2, p.nasId());
                ps.setString(3, p.sessionId());
                ps.setArray(4, c.createArrayOf("text", known.toArray()));
                ps.executeUpdate();
            }
        }
        int opened = 0;
        for (String a : p.addresses()) {
            if (known.contains(a)) {
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
            int inserted = LogStore.insertRadiusSession(c, a, start, p.nasId(), p.sessionId(),
                    codec.encrypt(IdentityCodec.IdentityField.SUBSCRIBER, category, start, record, p.userName()),
                    codec.blindIndex(IdentityCodec.IdentityField.SUBSCRIBER, category, start, p.userName()),
                    codec.encrypt(IdentityCodec.IdentityField.CALLING_STATION, category, start, record,
                            p.callingStationId()), p.multiSessionId(),
                    codec.encrypt(IdentityCodec.IdentityField.MOBILE_USER, category, start, record, p.mobileUserId()),
                    codec.encrypt(IdentityCodec.IdentityField.SIM, category, start, record, p.simId()), receivedAt);
            if (inserted > 0) {
                stored.add(start);
            }
            opened += inserted;
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
