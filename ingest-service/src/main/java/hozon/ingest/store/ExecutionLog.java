package hozon.ingest.store;

import hozon.ingest.domain.PurgeExecutionView;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What each run removed, written by the deleting transaction itself: after any crash the log
 * says exactly what went, and purge-service's ledger copies its counts from here.
 */
@ApplicationScoped
public class ExecutionLog {

    public enum Action {
        DROP,
        DELETE,
        PURPOSE,
        RELEASE
    }

    @Inject
    AgroalDataSource dataSource;

    /** Appends in the caller's connection (hence its transaction). */
    public void append(Connection c, UUID runId, RecordKind kind, String relation, Action action, long rows,
            long heldRows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into purge_execution_log"
                + " (run_id, category, relation, action, rows, held_rows, at) values (?, ?, ?, ?, ?, ?, now())")) {
            ps.setObject(1, runId);
            ps.setString(2, kind.category());
            ps.setString(3, relation);
            ps.setString(4, action.name());
            ps.setLong(5, rows);
            ps.setLong(6, heldRows);
            ps.executeUpdate();
        }
    }

    /** Per category, what run {@code runId} removed so far; cutoffs as given (may be null). */
    public List<PurgeExecutionView.CategoryOutcome> summary(UUID runId, Map<String, Instant> cutoffs)
            throws SQLException {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, List<String>> dropped = new LinkedHashMap<>();
        for (String category : cutoffs.keySet()) {
            counts.put(category, new long[5]);
            dropped.put(category, new ArrayList<>());
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select category, relation, action, rows, held_rows from purge_execution_log where run_id = ? order by id")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String category = rs.getString(1);
                    long[] n = counts.computeIfAbsent(category, k -> new long[5]);
                    List<String> d = dropped.computeIfAbsent(category, k -> new ArrayList<>());
                    long rows = rs.getLong(4);
                    n[4] += rs.getLong(5);
                    switch (Action.valueOf(rs.getString(3))) {
                        case DROP -> {
                            n[0] += rows;
                            d.add(rs.getString(2));
                        }
                        case DELETE -> n[1] += rows;
                        case PURPOSE -> n[2] += rows;
                        case RELEASE -> n[3] += rows;
                    }
                }
            }
        }
        List<PurgeExecutionView.CategoryOutcome> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            long[] n = e.getValue();
            out.add(new PurgeExecutionView.CategoryOutcome(e.getKey(), cutoffs.get(e.getKey()), dropped.get(e.getKey()),
                    n[0], n[1], n[2], n[3], n[4], List.of()));
        }
        return out;
    }
}
