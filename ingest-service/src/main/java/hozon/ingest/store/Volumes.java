package hozon.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-hour record counts: {@code stored_volume} (what is stored now, live or preserved)
 * and {@code removed_volume} (what purges removed: the de-identified remains, R4). Always
 * written in the transaction that inserts or deletes the rows.
 */
final class Volumes {

    /** Counter rows per hour; writers pick one by connection, readers sum them. */
    static final int SHARDS = 16;

    private Volumes() {
    }

    /** One hour's count. */
    record Hour(OffsetDateTime hour, long records) {
    }

    /**
     * Wraps a data-modifying statement that ends in {@code returning <time column>} so that it
     * also updates stored_volume by {@code sign} × rows per hour, and returns the per-hour counts.
     */
    static String trackingStatement(String modifying, String timeColumn, int sign) {
        return trackingStatement(modifying, null, timeColumn, sign, "true");
    }

    /** As above, with one more data-modifying CTE ({@code name as (…)}) that may read {@code changed}; null for none. */
    static String trackingStatement(String modifying, String timeColumn, int sign, String alsoCte) {
        return trackingStatement(modifying, alsoCte, timeColumn, sign, "true");
    }

    /**
     * As above, for an upsert whose {@code returning} also yields a boolean {@code inserted}: only
     * inserted rows count, and one extra row with a null hour carries how many were updated.
     */
    static String upsertTrackingStatement(String upsert, String timeColumn) {
        return trackingStatement(upsert, null, timeColumn, 1, "inserted")
                + " union all select null, count(*) from changed where not inserted";
    }

    private static String trackingStatement(String modifying, String alsoCte, String timeColumn, int sign,
            String filter) {
        return "with changed as (" + modifying + "), " + (alsoCte == null ? "" : alsoCte + ", ")
                + "per_hour as (select date_trunc('hour', " + timeColumn + ") as hour, count(*) as n from changed where "
                + filter + " group by 1), tracked as (" + addToStored("hour", sign < 0 ? "-n" : "n", "per_hour")
                + ") select hour, n from per_hour";
    }

    /**
     * Adds {@code records} per {@code hour} selected {@code from} to the category's counters, on
     * this connection's shard row (concurrent writers update different rows). The category is the
     * statement's first parameter.
     */
    private static String addToStored(String hour, String records, String from) {
        return "insert into stored_volume (category, hour, shard, records) select ?, " + hour + ", (pg_backend_pid() % "
                + SHARDS + ")::smallint, " + records + " from " + from + " on conflict (category, hour, shard) do update"
                + " set records = stored_volume.records + excluded.records";
    }

    /** What {@link #trackingStatement} adds, for rows the caller inserted and counted itself: one statement. */
    static void addStored(Connection c, String category, List<java.time.Instant> times) throws SQLException {
        if (times.isEmpty()) {
            return;
        }
        try (PreparedStatement up = c.prepareStatement(addToStored("date_trunc('hour', t)", "count(*)",
                "unnest(?::timestamptz[]) t group by 2"))) {
            up.setString(1, category);
            up.setArray(2, c.createArrayOf("text", times.stream().map(java.time.Instant::toString).toArray()));
            up.executeUpdate();
        }
    }

    static List<Hour> read(ResultSet rs) throws SQLException {
        List<Hour> out = new ArrayList<>();
        while (rs.next()) {
            out.add(new Hour(rs.getObject(1, OffsetDateTime.class), rs.getLong(2)));
        }
        return out;
    }

    static long total(List<Hour> hours) {
        return hours.stream().mapToLong(Hour::records).sum();
    }

    /** Adds removed records per hour (the de-identified remains). */
    static void addRemoved(Connection c, String category, List<Hour> hours) throws SQLException {
        if (hours.isEmpty()) {
            return;
        }
        try (PreparedStatement up = c.prepareStatement("insert into removed_volume (category, hour, records)"
                + " values (?, ?, ?) on conflict (category, hour) do update set records = removed_volume.records + excluded.records")) {
            for (Hour h : hours) {
                up.setString(1, category);
                up.setObject(2, h.hour());
                up.setLong(3, h.records());
                up.addBatch();
            }
            up.executeBatch();
        }
    }

    /** Stored records per hour in [from, to), shards summed. */
    static List<Hour> stored(Connection c, String category, OffsetDateTime from, OffsetDateTime to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select hour, sum(records) from stored_volume where category = ?"
                + " and hour >= ? and hour < ? group by hour order by hour")) {
            ps.setString(1, category);
            ps.setObject(2, from);
            ps.setObject(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                return read(rs);
            }
        }
    }

    /** Replaces the stored counts of [from, to) by {@code remaining} (e.g. the preserved rows of a dropped day). */
    static void resetStored(Connection c, String category, OffsetDateTime from, OffsetDateTime to, List<Hour> remaining)
            throws SQLException {
        try (PreparedStatement del = c.prepareStatement(
                "delete from stored_volume where category = ? and hour >= ? and hour < ?")) {
            del.setString(1, category);
            del.setObject(2, from);
            del.setObject(3, to);
            del.executeUpdate();
        }
        if (remaining.isEmpty()) {
            return;
        }
        try (PreparedStatement ins = c.prepareStatement(
                "insert into stored_volume (category, hour, shard, records) values (?, ?, 0, ?)")) {
            for (Hour h : remaining) {
                ins.setString(1, category);
                ins.setObject(2, h.hour());
                ins.setLong(3, h.records());
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }
}
