package hozon.ingest.service;

import hozon.ingest.config.IngestConfig;
import hozon.ingest.rest.PurgeExecutionView;
import hozon.ingest.rest.PurgeOrder;
import hozon.ingest.store.Partition;
import hozon.ingest.store.PartitionManager;
import hozon.ingest.store.RecordKind;
import hozon.problem.Problem;
import hozon.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Executes a purge plan it is given; decides nothing itself. A day partition wholly before
 * the cutoff is dropped (physically gone, time independent of its size); the day that holds
 * the cutoff loses its earlier rows by DELETE. Each partition is its own transaction, so a
 * crash leaves every day either untouched or done, and re-running the same plan finishes the
 * rest. Fails closed: a stale plan, or a cutoff in the future, deletes nothing.
 */
@ApplicationScoped
public class PurgeExecutor {

    private static final Logger LOG = Logger.getLogger(PurgeExecutor.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PartitionManager partitions;

    @Inject
    IngestConfig config;

    @Inject
    Clock clock;

    public PurgeExecutionView execute(PurgeOrder order) throws SQLException {
        Instant now = clock.instant();
        checkFresh(order, now);
        Instant started = now;
        List<PurgeExecutionView.CategoryOutcome> outcomes = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (PurgeOrder.Cutoff c : order.cutoffs()) {
            var kind = RecordKind.ofCategory(c.category());
            if (kind.isEmpty()) {
                unknown.add(c.category());
                continue;
            }
            outcomes.add(purge(kind.get(), c.cutoff().toInstant()));
        }
        Instant finished = clock.instant();
        LOG.infof("purge run %s executed: %d categories, %d unknown", order.runId(), outcomes.size(), unknown.size());
        return new PurgeExecutionView(order.runId(), order.planDigest(), started, finished, outcomes, unknown);
    }

    private void checkFresh(PurgeOrder order, Instant now) {
        Instant asOf = order.asOf().toInstant();
        if (asOf.isBefore(now.minus(config.purge().maxPlanAge()))) {
            throw new ProblemException(new Problem("stale-plan", "Stale purge plan", 409,
                    "The plan was computed for " + asOf + ", older than the allowed " + config.purge().maxPlanAge()
                            + "; fetch a fresh plan").with("asOf", asOf).with("now", now));
        }
        if (asOf.isAfter(now.plus(config.maxFutureSkew()))) {
            throw new ProblemException(new Problem("plan-in-future", "Purge plan in the future", 409,
                    "The plan was computed for " + asOf + ", after now (" + now + ")"));
        }
        for (PurgeOrder.Cutoff c : order.cutoffs()) {
            if (c.cutoff().toInstant().isAfter(asOf)) {
                throw new ProblemException(new Problem("cutoff-after-plan-instant", "Cutoff after the plan instant", 409,
                        "Cutoff " + c.cutoff().toInstant() + " for " + c.category() + " lies after the plan instant "
                                + asOf + "; nothing was deleted"));
            }
        }
    }

    private PurgeExecutionView.CategoryOutcome purge(RecordKind kind, Instant cutoff) throws SQLException {
        List<Partition> days;
        try (Connection c = dataSource.getConnection()) {
            days = partitions.list(c, kind);
        }
        List<String> dropped = new ArrayList<>();
        long rowsInDropped = 0;
        long rowsDeleted = 0;
        for (Partition p : days) {
            if (!p.to().isAfter(cutoff)) {
                rowsInDropped += QuarkusTransaction.requiringNew().call(() -> drop(p));
                partitions.forget(p);
                dropped.add(p.name());
            } else if (p.from().isBefore(cutoff)) {
                rowsDeleted += QuarkusTransaction.requiringNew().call(() -> deleteBefore(p, cutoff));
            }
        }
        return new PurgeExecutionView.CategoryOutcome(kind.category(), cutoff, dropped, rowsInDropped, rowsDeleted);
    }

    /** Locks the day, counts what goes (for the ledger), and drops it. */
    private long drop(Partition p) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("lock table " + p.name() + " in access exclusive mode");
            long rows;
            try (ResultSet rs = s.executeQuery("select count(*) from " + p.name())) {
                rs.next();
                rows = rs.getLong(1);
            }
            s.execute("drop table " + p.name());
            return rows;
        }
    }

    private long deleteBefore(Partition p, Instant cutoff) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "delete from " + p.name() + " where " + p.kind().timeColumn() + " < ?")) {
            ps.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
            return ps.executeUpdate();
        }
    }
}
