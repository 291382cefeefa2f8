package hozon.ingest.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A boolean piece of SQL with its parameters, bound in order.
 *
 * <p>Deleting SQL is built from these, so the combinators are total: {@link #not()} is true
 * exactly when the fragment is not true, also where SQL's three-valued logic makes it NULL
 * (a NULL column inside a hold condition). Without that, {@code not (… or null)} is NULL and a
 * row that no hold protects would escape its delete for as long as the unrelated hold lasts.
 */
public record SqlFragment(String sql, List<Object> params) {

    public static final SqlFragment FALSE = new SqlFragment("false", List.of());

    public static SqlFragment of(String sql, Object... params) {
        return new SqlFragment(sql, Arrays.asList(params));
    }

    public SqlFragment and(SqlFragment other) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(other.params);
        return new SqlFragment("(" + sql + ") and (" + other.sql + ")", all);
    }

    /** True where this fragment is false or NULL: the complement that a delete may rely on. */
    public SqlFragment not() {
        return new SqlFragment("(" + sql + ") is not true", params);
    }

    /** Binds the parameters from position {@code first}; returns the next free position. */
    public int bind(PreparedStatement ps, int first) throws SQLException {
        int i = first;
        for (Object p : params) {
            ps.setObject(i++, p);
        }
        return i;
    }
}
