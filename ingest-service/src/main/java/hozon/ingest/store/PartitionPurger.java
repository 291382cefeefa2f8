package hozon.ingest.store;

import hozon.ingest.domain.PurgeOrder;
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
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;

/**
 * The deleting SQL, one relation at a time. Every method runs in the caller's transaction and
 * does three things together: removes the rows, moves their hourly counts from the stored to
 * the removed (de-identified) volumes, and writes the execution log — so a crash leaves all
 * three or none. A day is dropped without counting its rows: its counts are the stored
 * volumes the inserts kept, so expiry takes the same time at any size.
 */
@ApplicationScoped
public class PartitionPurger {

    /** What one deleting step did: rows removed, and rows it kept because a hold protects them (preserved or left). */
    public record Removal(long removed, long kept) {
    }

    /** What a relation holds before a cutoff, for a preview: due rows, held rows, the oldest due event time (or null). */
    public record DueCount(long due, long held, Instant oldestDue) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ExecutionLog log;

    @Inject
    IdentityCodec codec;

    @Inject
    HeldIdentities held;

    /**
     * A whole expired day: rows a hold protects are copied to the preservation area tagged with
     * their holds, the rest is counted, and the partition is dropped.
     *
     * @return rows removed, rows preserved
     */
    public Removal dropDay(UUID runId, Partition p, List<PurgeOrder.Hold> holds) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("lock table " + p.name() + " in access exclusive mode");
            SqlFragment held = HoldPredicate.protectedRows(p.kind(), holds, codec);
            List<Volumes.Hour> preserved = List.of();
            if (held != SqlFragment.FALSE) {
                for (PurgeOrder.Hold h : holds) {
                    preserve(c, p, h);
                }
                preserved = perHour(c, p.name(), p.kind().timeColumn(), held);
            }
            OffsetDateTime from = utc(p.from());
            OffsetDateTime to = utc(p.to());
            List<Volumes.Hour> removed = minus(Volumes.stored(c, p.kind().category(), from, to), preserved);
            Volumes.addRemoved(c, p.kind().category(), removed);
            Volumes.resetStored(c, p.kind().category(), from, to, preserved);
            if (p.kind().longTable() != null) {
                // Row triggers keep the long-interval table in step with deletes, but a dropped
                // partition fires none: its long intervals go here, in the same transaction.
                try (PreparedStatement ps = c.prepareStatement("delete from " + p.kind().longTable() + " where "
                        + p.kind().timeColumn() + " >= ? and " + p.kind().timeColumn() + " < ?")) {
                    ps.setObject(1, from);
                    ps.setObject(2, to);
                    ps.executeUpdate();
                }
            }
            RoutingIndex pointers = RoutingIndex.of(p.kind());
            if (pointers != null) {
                // Nor does it delete the rows' pointers (V16): those of the rows not just preserved go.
                try (PreparedStatement ps = c.prepareStatement(pointers.droppingDay())) {
                    ps.setObject(1, from);
                    ps.setObject(2, to);
                    ps.setObject(3, from);
                    ps.setObject(4, to);
                    ps.executeUpdate();
                }
            }
            s.execute("drop table " + p.name());
            long removedRows = Volumes.total(removed);
            long preservedRows = Volumes.total(preserved);
            log.append(c, runId, p.kind(), p.name(), Action.DROP, removedRows, preservedRows);
            return new Removal(removedRows, preservedRows);
        }
    }

    /**
     * Rows before the cutoff in a day that stays (the cutoff's own day, or a day a hold touches
     * whose partition must not go yet).
     *
     * @return rows deleted, rows kept because held
     */
    public Removal deleteBefore(UUID runId, Partition p, Instant cutoff, List<PurgeOrder.Hold> holds) throws SQLException {
        SqlFragment held = HoldPredicate.protectedRows(p.kind(), holds, codec);
        SqlFragment due = SqlFragment.of(p.kind().timeColumn() + " < ?", utc(cutoff)).and(held.not());
        try (Connection c = dataSource.getConnection()) {
            long kept = held == SqlFragment.FALSE ? 0
                    : count(c, p.name(), SqlFragment.of(p.kind().timeColumn() + " < ?", utc(cutoff)).and(held));
            long deleted = delete(c, p.kind(), p.name(), due);
            log.append(c, runId, p.kind(), p.name(), Action.DELETE, deleted, kept);
            return new Removal(deleted, kept);
        }
    }

    /** Rows in the preservation area no hold protects any more and whose retention is past. */
    public long releasePreserved(UUID runId, RecordKind kind, Instant cutoff, List<PurgeOrder.Hold> holds)
            throws SQLException {
        recordCutoff(kind, cutoff);
        SqlFragment due = SqlFragment.of(kind.timeColumn() + " < ?", utc(cutoff))
                .and(HoldPredicate.protectedRows(kind, holds, codec).not());
        try (Connection c = dataSource.getConnection()) {
            long released = delete(c, kind, kind.preservedTable(), due);
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
        List<Object> params = new ArrayList<>();
        String match = HoldPredicate.blindIndexIn(column, field, kind, Instant.EPOCH, a.achievedAt().toInstant(),
                a.selectorValue(), params, codec);
        params.add(a.achievedAt().toInstant().atOffset(ZoneOffset.UTC));
        SqlFragment due = new SqlFragment(match + " and " + kind.timeColumn() + " < ?", params)
                .and(HoldPredicate.protectedRows(kind, holds, codec).not());
        long total = 0;
        try (Connection c = dataSource.getConnection()) {
            for (String relation : List.of(kind.table(), kind.preservedTable())) {
                long n = delete(c, kind, relation, due);
                if (n > 0) {
                    log.append(c, runId, kind, relation, Action.PURPOSE, n, 0);
                }
                total += n;
            }
        }
        return total;
    }

    /** Whether any live row of {@code kind} (day partitions or long-interval table) has an event time in {@code [from, to)}. */
    public boolean anyLiveRow(RecordKind kind, Instant from, Instant to) throws SQLException {
        List<String> relations = new ArrayList<>(List.of(kind.table()));
        if (kind.longTable() != null) {
            relations.add(kind.longTable());
        }
        String t = kind.timeColumn();
        String sql = "select " + String.join(" or ", relations.stream().map(r -> "exists (select 1 from " + r + " where "
                + t + " >= ? and " + t + " < ?)").toList());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (int n = 0; n < relations.size(); n++) {
                ps.setObject(i++, utc(from));
                ps.setObject(i++, utc(to));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Whether any preserved row of {@code kind} is still encrypted under key {@code keyId}. */
    public boolean preservedUnder(RecordKind kind, long keyId) throws SQLException {
        HeldIdentities.Shape shape = HeldIdentities.shape(kind);
        if (shape == null) {
            return false;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select exists (select 1"
                + " from " + kind.preservedTable() + " where " + shape.keyColumn() + " like ?)")) {
            ps.setString(1, "e" + keyId + ":%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Counts for a preview. Deletes nothing. */
    public DueCount preview(Connection c, String relation, RecordKind kind, Instant cutoff, List<PurgeOrder.Hold> holds)
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
                return new DueCount(rs.getLong(1), rs.getLong(3), oldest == null ? null : oldest.toInstant());
            }
        }
    }

    private void preserve(Connection c, Partition p, PurgeOrder.Hold h) throws SQLException {
        SqlFragment scope = HoldPredicate.protectedRows(p.kind(), List.of(h), codec);
        if (scope == SqlFragment.FALSE) {
            return;
        }
        String target = p.kind().preservedTable();
        String columns = columns(c, p.kind().table());
        HeldIdentities.Shape shape = HeldIdentities.shape(p.kind());
        try (PreparedStatement ps = c.prepareStatement("insert into " + target + " (" + columns + ", hold_ids, preserved_at)"
                + " select " + columns + ", array[?::uuid], now() from "
                + p.name() + " where " + scope.sql() + " on conflict on constraint " + target + "_pkey do update set"
                + " hold_ids = (select array(select distinct unnest(" + target + ".hold_ids || excluded.hold_ids)))"
                + (shape == null ? "" : " returning (xmax = 0) as inserted, " + shape.returning()))) {
            ps.setObject(1, h.holdId());
            scope.bind(ps, 2);
            if (shape == null) {
                ps.executeUpdate();
            } else {
                // A record leaving the live tables goes under its hold's key (issue #11), so that its
                // day's key can be destroyed with the day.
                try (ResultSet rs = ps.executeQuery()) {
                    held.reencrypt(c, p.kind(), h.holdId(), rs);
                }
            }
        }
    }

    /**
     * The log table's columns by name: the preserved copy has the same ones plus its hold
     * columns, but not in the same order once a migration added columns to both.
     */
    private static String columns(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select string_agg(quote_ident(column_name), ', ' order by"
                + " ordinal_position) from information_schema.columns where table_schema = current_schema()"
                + " and table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Remembers how far the category has been purged, for "logs already gone" (R9). */
    private void recordCutoff(RecordKind kind, Instant cutoff) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into applied_cutoff (category, cutoff, at) values (?, ?, now()) on conflict (category) do update"
                        + " set cutoff = greatest(applied_cutoff.cutoff, excluded.cutoff), at = excluded.at")) {
            ps.setString(1, kind.category());
            ps.setObject(2, utc(cutoff));
            ps.executeUpdate();
        }
    }

    private static List<Volumes.Hour> perHour(Connection c, String relation, String timeColumn, SqlFragment where)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select date_trunc('hour', " + timeColumn + "), count(*) from "
                + relation + " where " + where.sql() + " group by 1")) {
            where.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                return Volumes.read(rs);
            }
        }
    }

    private static List<Volumes.Hour> minus(List<Volumes.Hour> stored, List<Volumes.Hour> kept) {
        Map<OffsetDateTime, Long> k = new HashMap<>();
        kept.forEach(h -> k.merge(h.hour().toInstant().atOffset(ZoneOffset.UTC), h.records(), Long::sum));
        List<Volumes.Hour> out = new ArrayList<>();
        for (Volumes.Hour h : stored) {
            long n = h.records() - k.getOrDefault(h.hour().toInstant().atOffset(ZoneOffset.UTC), 0L);
            if (n > 0) {
                out.add(new Volumes.Hour(h.hour(), n));
            }
        }
        return out;
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

    /** Deletes, moves the per-hour counts from stored to removed volumes, returns the rows deleted. */
    private static long delete(Connection c, RecordKind kind, String relation, SqlFragment where) throws SQLException {
        RoutingIndex pointers = RoutingIndex.of(kind);
        String sql = Volumes.trackingStatement("delete from " + relation + " where " + where.sql() + " returning "
                + kind.timeColumn() + (pointers == null ? "" : pointers.returning()), kind.timeColumn(), -1,
                pointers == null ? null : pointers.unindexing());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int next = where.bind(ps, 1);
            ps.setString(next, kind.category());
            List<Volumes.Hour> hours;
            try (ResultSet rs = ps.executeQuery()) {
                hours = Volumes.read(rs);
            }
            Volumes.addRemoved(c, kind.category(), hours);
            return Volumes.total(hours);
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
