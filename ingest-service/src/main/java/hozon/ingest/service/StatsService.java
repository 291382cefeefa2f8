package hozon.ingest.service;

import hozon.ingest.config.IngestConfig;
import hozon.ingest.rest.DailyCount;
import hozon.problem.Problem;
import hozon.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Record counts per category and calendar day: volumes, never contents. */
@ApplicationScoped
public class StatsService {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IngestConfig config;

    @Inject
    Clock clock;

    /**
     * Records stored (live or in the preservation area) per category and day in [from, to), in
     * the report zone; defaults to the last 31 days. Read from the hourly stored volumes that
     * every insert and delete keeps, so no log table is scanned.
     */
    public List<DailyCount> dailyCounts(LocalDate from, LocalDate to) throws SQLException {
        return perDay("stored_volume", from, to);
    }

    /**
     * Records removed by purges, per category and day of their event time: the de-identified
     * remains of deleted records (R4). Same window rules as {@link #dailyCounts}.
     */
    public List<DailyCount> removedVolumes(LocalDate from, LocalDate to) throws SQLException {
        return perDay("removed_volume", from, to);
    }

    private List<DailyCount> perDay(String table, LocalDate from, LocalDate to) throws SQLException {
        LocalDate end = end(to);
        LocalDate start = start(from, end);
        String zone = config.reportZone().getId();
        List<DailyCount> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select category, (hour at time zone ?)::date as day, sum(records) from " + table
                        + " where hour >= (?::date)::timestamp at time zone ? and hour < (?::date)::timestamp at time zone ?"
                        + " group by category, day having sum(records) > 0 order by category, day")) {
            ps.setString(1, zone);
            ps.setString(2, start.toString());
            ps.setString(3, zone);
            ps.setString(4, end.toString());
            ps.setString(5, zone);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new DailyCount(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getLong(3)));
                }
            }
        }
        return result;
    }

    private LocalDate end(LocalDate to) {
        return to != null ? to : LocalDate.ofInstant(clock.instant(), config.reportZone()).plusDays(1);
    }

    private LocalDate start(LocalDate from, LocalDate end) {
        LocalDate start = from != null ? from : end.minusDays(31);
        if (!start.isBefore(end)) {
            throw ProblemException.invalid("from must be before to", Problem.FieldError.of("to", "must be after from"));
        }
        if (start.plus(config.maxStatsWindow()).isBefore(end)) {
            throw ProblemException.invalid("the window may span at most " + config.maxStatsWindow(),
                    Problem.FieldError.of("from", "window longer than " + config.maxStatsWindow()));
        }
        return start;
    }
}
