package hozon.ingest.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** A piece of SQL with its parameters, bound in order. */
public record SqlFragment(String sql, List<Object> params) {

    public static final SqlFragment FALSE = new SqlFragment("false", List.of());

    /** Binds the parameters from position {@code first}; returns the next free position. */
    public int bind(PreparedStatement ps, int first) throws SQLException {
        int i = first;
        for (Object p : params) {
            ps.setObject(i++, p);
        }
        return i;
    }
}
