package hozon.ingest.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The look-up audit (R6, R7): every attempt, answered or refused, with who, under which case
 * (none when none was named), what was asked, which log categories were searched, the outcome
 * and how many results — never the results. Append-only (V5's trigger).
 */
@ApplicationScoped
public class LookupAudit {

    @Inject
    @DataSource("lookup")
    AgroalDataSource dataSource;

    @Inject
    hozon.ingest.config.IngestConfig config;

    /** One attempt. {@code queryJson} is what was asked, as JSON; {@code caseId} may be null. */
    public record Attempt(String principal, UUID caseId, String lookupKind, String queryJson, String outcome,
            int resultCount, String reason, List<String> categories) {
    }

    /** An entry as read back, newest first. */
    public record Entry(long id, Instant at, String principal, UUID caseId, String lookupKind, String queryJson,
            String outcome, int resultCount, String reason, List<String> categories) {
    }

    /** Appends on its own connection (auto-commit): written before the answer leaves. */
    public void append(Attempt a) {
        try (Connection c = dataSource.getConnection()) {
            append(c, a);
        } catch (SQLException e) {
            throw new IllegalStateException("look-up audit could not be written", e);
        }
    }

    /** Appends on {@code c} (auto-commit), the connection the look-up itself used. */
    public void append(Connection c, Attempt a) {
        try (PreparedStatement ps = c.prepareStatement("insert into lookup_audit"
                + " (at, principal, case_id, lookup_kind, query, outcome, result_count, reason, categories)"
                + " values (now(), ?, ?, ?, ?::jsonb, ?, ?, ?, ?)")) {
            ps.setString(1, a.principal());
            ps.setObject(2, a.caseId());
            ps.setString(3, a.lookupKind());
            ps.setString(4, a.queryJson());
            ps.setString(5, a.outcome());
            ps.setInt(6, a.resultCount());
            ps.setString(7, a.reason());
            ps.setArray(8, c.createArrayOf("text", a.categories().toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("look-up audit could not be written", e);
        }
    }

    public List<Entry> latest(int limit) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select id, at, principal,"
                + " case_id, lookup_kind, query::text, outcome, result_count, reason, categories from lookup_audit"
                + " order by id desc limit ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                            rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8),
                            rs.getString(9), Arrays.asList((String[]) rs.getArray(10).getArray())));
                }
            }
        }
        return out;
    }

    /** Look-ups that found nothing because the logs were already gone, by category and month of the report zone (R9). */
    public record ExpiredCount(String category, String month, long lookups, int minAgeDays, int maxAgeDays) {
    }

    public List<ExpiredCount> expiredCounts() throws SQLException {
        List<ExpiredCount> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select category,"
                + " to_char(at at time zone ?, 'YYYY-MM') as month, count(*), min(age_days), max(age_days)"
                + " from expired_lookup group by category, month order by category, month")) {
            ps.setString(1, config.reportZone().getId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ExpiredCount(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getInt(5)));
                }
            }
        }
        return out;
    }
}
