package hozon.ingest.rest;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the store directly, so tests can assert what really is (or is not) in PostgreSQL. */
public final class DbProbe {

    private DbProbe() {
    }

    public static long count(AgroalDataSource ds, String sql, Object... params) {
        return ((Number) value(ds, sql, params)).longValue();
    }

    /** The first column of the first row as text (null if SQL null). */
    public static String string(AgroalDataSource ds, String sql, Object... params) {
        Object v = value(ds, sql, params);
        return v == null ? null : v.toString();
    }

    private static Object value(AgroalDataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
