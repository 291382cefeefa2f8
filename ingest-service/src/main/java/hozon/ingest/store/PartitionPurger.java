package hozon.ingest.store;

import hozon.ingest.rest.PurgeOrder;
import hozon.ingest.store.ExecutionLog.Action;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The deleting SQL, one relation at a time. Every method runs in the caller's transaction and
 * does three things together: counts what goes into the de-identified hourly volumes,
 * removes it, and writes the execution log — so a crash leaves all three or none.
 */
@ApplicationScoped
public class PartitionPurger {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ExecutionLog log;

    @Inject
    IdentityCodec codec;

    /**
     * A whole expired day: rows a hold protects are copied to the preservation area tagged with
     * their holds, the rest is counted, and the partition is dropped.
     *
     * @return {rows removed, rows preserved}
     */
    public long[] dropDay(UUID runId, Partition p, List<PurgeOrder.Hold> holds) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("lock table " + p.name() + " in access exclusive mode");
            SqlFragment held = HoldPredicate.protectedRows(p.kind(), holds, codec);
            long preserved = 0;
            if (held != SqlFragment.FALSE) {
                for (PurgeOrder.Hold h : holds) {
                    preserve(c, p, h);
                }
                preserved = count(c, p.name(), held);
            }
            long removed = recordVolumes(c, p.kind(), p.name(), held.not());
            s.execute("drop table " + p.name());
            log.append(c, runId, p.kind(), p.name(), Action.DROP, removed, preserved);
            return new long[] {removed, preserved};
        }
    }

    /**
     * Rows before the cutoff in a day that stays (the cutoff's own day, or a day a hold touches
     * whose partition must not go yet).
     *
     * @return {rows deleted, rows kept because held}
     */
    public long[] deleteBefore(UUID runId, Partition p, Instant cutoff, List<PurgeOrder.Hold> holds) throws SQLException {
        SqlFragment held = HoldPredicate.protectedRows(p.kind(), holds, codec);
        SqlFragment due = SqlFragment.of(p.kind().timeColumn() + " < ?", utc(cutoff)).and(held.not());
        try (Connection c = dataSource.getConnection()) {
            long kept = held == SqlFragment.FALSE ? 0
                    : count(c, p.name(), SqlFragment.of(p.kind().timeColumn() + " < ?", utc(cutoff)).and(held));
            recordVolumes(c, p.kind(), p.name(), due);
            long deleted = delete(c, p.name(), due);
            log.append(c, runId, p.kind(), p.name(), Action.DELETE, deleted, kept);
            return new long[] {deleted, kept};
        }
    }

    /** Rows in the preservation area no hold protects any more and whose retention is past. */
    public long releasePreserved(UUID runId, RecordKind kind, Instant cutoff, List<PurgeOrder.Hold> holds)
            throws SQLException {
        SqlFragment due = SqlFragment.of(kind.timeColumn() + " < ?", utc(cutoff))
                .and(HoldPredicate.protectedRows(kind, holds, codec).not());
        try (Connection c = dataSource.getConnection()) {
            recordVolumes(c, kind, kind.preservedTable(), due);
            long released = delete(c, kind.preservedTable(), due);
            if (released > 0) {
                log.append(c, runId, kind, kind.preservedTable(), Action.RELEASE, released, 0);
            }
            return released;
        }
    }

    /** A selector's records, live or preserved, before the instant its purpose was achieved, unless held. */
    public long deleteAchieved(UUID runId, RecordKind kind, PurgeOrder.Achievement a, List<PurgeOrder.Hold> holds)
            throws SQLException {
        String column = HoldPredicate.achievementColumn(kind, a.selectorKind());
        if (column == null) {
            return 0;
        }
        IdentityCodec.IdentityField field = a.selectorKind() == PurgeOrder.SelectorKind.SUBSCRIBER
                ? IdentityCodec.IdentityField.SUBSCRIBER : IdentityCodec.IdentityField.ACCOUNT;
        SqlFragment due = SqlFragment.of(column + " = ? and " + kind.timeColumn() + " < ?",
                codec.encode(field, a.selectorValue()), a.achievedAt().toInstant().atOffset(ZoneOffset.UTC))
                .and(HoldPredicate.protectedRows(kind, holds, codec).not());
        long total = 0;
        try (Connection c = dataSource.getConnection()) {
            for (String relation : List.of(kind.table(), kind.preservedTable())) {
                recordVolumes(c, kind, relation, due);
                long n = delete(c, relation, due);
                if (n > 0) {
                    log.append(c, runId, kind, relation, Action.PURPOSE, n, 0);
                }
                total += n;
            }
        }
        return total;
    }

    /** Counts for a preview: {rows due, rows held, oldest due event time or null}. Deletes nothing. */
    public Object[] preview(Connection c, String relation, RecordKind kind, Instant cutoff, List<PurgeOrder.Hold> holds)
            throws SQLException {
        SqlFragment before = SqlFragment.of(kind.timeColumn() + " < ?", utc(cutoff));
        SqlFragment held = HoldPredicate.protectedRows(kind, holds, codec);
        SqlFragment due = before.and(held.not());
        try (PreparedStatement ps = c.prepareStatement("select count(*) filter (where " + due.sql() + "),"
                + " min(" + kind.timeColumn() + ") filter (where " + due.sql() + "),"
                + " count(*) filter (where " + before.and(held).sql() + ") from " + relation
                + " where " + before.sql())) {
            int i = due.bind(ps, 1);
            i = due.bind(ps, i);
            i = before.and(held).bind(ps, i);
            before.bind(ps, i);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
                return new Object[] {rs.getLong(1), rs.getLong(3), oldest == null ? null : oldest.toInstant()};
            }
        }
    }

    private void preserve(Connection c, Partition p, PurgeOrder.Hold h) throws SQLException {
        SqlFragment scope = HoldPredicate.protectedRows(p.kind(), List.of(h), codec);
        if (scope == SqlFragment.FALSE) {
            return;
        }
        String target = p.kind().preservedTable();
        try (PreparedStatement ps = c.prepareStatement("insert into " + target + " select *, array[?::uuid], now() from "
                + p.name() + " where " + scope.sql() + " on conflict on constraint " + target + "_pkey do update set"
                + " hold_ids = (select array(select distinct unnest(" + target + ".hold_ids || excluded.hold_ids)))")) {
            ps.setObject(1, h.holdId());
            scope.bind(ps, 2);
            ps.executeUpdate();
        }
    }

    /** Adds the matching rows to removed_volume per event hour; returns how many rows that is. */
    private long recordVolumes(Connection c, RecordKind kind, String relation, SqlFragment where) throws SQLException {
        List<Object[]> hours = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select date_trunc('hour', " + kind.timeColumn() + "), count(*)"
                + " from " + relation + " where " + where.sql() + " group by 1")) {
            where.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hours.add(new Object[] {rs.getObject(1, OffsetDateTime.class), rs.getLong(2)});
                }
            }
        }
        long total = 0;
        try (PreparedStatement up = c.prepareStatement("insert into removed_volume (category, hour, records)"
                + " values (?, ?, ?) on conflict (category, hour) do update set records = removed_volume.records + excluded.records")) {
            for (Object[] h : hours) {
                up.setString(1, kind.category());
                up.setObject(2, h[0]);
                up.setLong(3, (Long) h[1]);
                up.addBatch();
                total += (Long) h[1];
            }
            if (!hours.isEmpty()) {
                up.executeBatch();
            }
        }
        return total;
    }

    private static long count(Connection c, String relation, SqlFragment where) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from " + relation + " where " + where.sql())) {
            where.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long delete(Connection c, String relation, SqlFragment where) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + relation + " where " + where.sql())) {
            where.bind(ps, 1);
            return ps.executeUpdate();
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
