package hozon.suite.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/** What the benchmarks share: percentiles of measured durations, a count by SQL. */
final class Bench {

    private Bench() {
    }

    /** The {@code p}-th percentile (nearest rank) of durations in nanoseconds, in milliseconds. */
    static double pct(long[] nanos, double p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, Math.max(0, (int) Math.ceil(p / 100.0 * s.length) - 1))] / 1e6;
    }

    /** {@code select count(*) …} with one text parameter. */
    static long count(Connection db, String sql, String param) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
