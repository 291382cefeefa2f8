package hozon.ingest.service;

import hozon.ingest.config.IngestConfig;
import hozon.ingest.rest.PurgeExecutionView;
import hozon.ingest.rest.PurgeOrder;
import hozon.ingest.store.HoldPredicate;
import hozon.ingest.store.IdentityCodec;
import hozon.ingest.store.Partition;
import hozon.ingest.store.PartitionManager;
import hozon.ingest.store.RecordKind;
import hozon.ingest.store.SqlFragment;
import hozon.net.IpAddresses;
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
 * the cutoff, and any day a hold's window touches, loses its expired rows by DELETE, except
 * those a hold protects, which stay until a plan without that hold comes. Records of a
 * selector whose purpose is achieved are deleted up to that instant. Each partition is its own transaction, so a
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

    @Inject
    IdentityCodec codec;

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
            List<PurgeOrder.Hold> holds = order.holdsOrEmpty().stream()
                    .filter(h -> h.categories().contains(c.category())).toList();
            List<PurgeOrder.Achievement> achieved = order.achievementsOrEmpty().stream()
                    .filter(a -> a.category().equals(c.category())).toList();
            outcomes.add(purge(kind.get(), c.cutoff().toInstant(), holds, achieved));
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
        for (PurgeOrder.Hold h : order.holdsOrEmpty()) {
            for (PurgeOrder.Selector sel : h.selectors()) {
                if (sel.kind() == PurgeOrder.SelectorKind.IP && IpAddresses.addressOrPrefixError(sel.value()) != null) {
                    throw ProblemException.invalid("hold " + h.holdId() + " has an IP selector that is not an address or"
                            + " prefix; nothing was deleted", Problem.FieldError.of("holds.selectors.value", "not an IP"));
                }
            }
        }
        for (PurgeOrder.Cutoff c : order.cutoffs()) {
            if (c.cutoff().toInstant().isAfter(asOf)) {
                throw new ProblemException(new Problem("cutoff-after-plan-instant", "Cutoff after the plan instant", 409,
                        "Cutoff " + c.cutoff().toInstant() + " for " + c.category() + " lies after the plan instant "
                                + asOf + "; nothing was deleted"));
            }
        }
    }

    private PurgeExecutionView.CategoryOutcome purge(RecordKind kind, Instant cutoff, List<PurgeOrder.Hold> holds,
            List<PurgeOrder.Achievement> achieved) throws SQLException {
        List<Partition> days;
        try (Connection c = dataSource.getConnection()) {
            days = partitions.list(c, kind);
        }
        SqlFragment held = HoldPredicate.protectedRows(kind, holds, codec);
        List<String> dropped = new ArrayList<>();
        long rowsInDropped = 0;
        long rowsDeleted = 0;
        long rowsHeld = 0;
        for (Partition p : days) {
            if (!p.from().isBefore(cutoff)) {
                continue;
            }
            boolean touchedByHold = held != SqlFragment.FALSE && holds.stream().anyMatch(
                    h -> h.windowFrom().toInstant().isBefore(p.to()) && h.windowTo().toInstant().isAfter(p.from()));
            if (!touchedByHold && !p.to().isAfter(cutoff)) {
                rowsInDropped += QuarkusTransaction.requiringNew().call(() -> drop(p));
                partitions.forget(p);
                dropped.add(p.name());
            } else {
                long[] deletedAndHeld = QuarkusTransaction.requiringNew().call(() -> deleteBefore(p, cutoff, held));
                rowsDeleted += deletedAndHeld[0];
                rowsHeld += deletedAndHeld[1];
            }
        }
        long forPurpose = 0;
        for (PurgeOrder.Achievement a : achieved) {
            forPurpose += QuarkusTransaction.requiringNew().call(() -> deleteAchieved(kind, a, held));
        }
        return new PurgeExecutionView.CategoryOutcome(kind.category(), cutoff, dropped, rowsInDropped, rowsDeleted,
                forPurpose, rowsHeld);
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

    /** Deletes the day's rows before the cutoff that no hold protects; returns {deleted, kept by holds}. */
    private long[] deleteBefore(Partition p, Instant cutoff, SqlFragment held) throws SQLException {
        String time = p.kind().timeColumn();
        try (Connection c = dataSource.getConnection()) {
            long kept = 0;
            if (held != SqlFragment.FALSE) {
                try (PreparedStatement count = c.prepareStatement(
                        "select count(*) from " + p.name() + " where " + time + " < ? and " + held.sql())) {
                    count.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
                    held.bind(count, 2);
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        kept = rs.getLong(1);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from " + p.name() + " where " + time + " < ? and not " + held.sql())) {
                ps.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
                held.bind(ps, 2);
                return new long[] {ps.executeUpdate(), kept};
            }
        }
    }

    /** Deletes a selector's records before the instant its purpose was achieved, except held ones. */
    private long deleteAchieved(RecordKind kind, PurgeOrder.Achievement a, SqlFragment held) throws SQLException {
        String column = HoldPredicate.achievementColumn(kind, a.selectorKind());
        if (column == null) {
            return 0;
        }
        IdentityCodec.IdentityField field = a.selectorKind() == PurgeOrder.SelectorKind.SUBSCRIBER
                ? IdentityCodec.IdentityField.SUBSCRIBER : IdentityCodec.IdentityField.ACCOUNT;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from " + kind.table() + " where " + column
                        + " = ? and " + kind.timeColumn() + " < ? and not " + held.sql())) {
            ps.setString(1, codec.encode(field, a.selectorValue()));
            ps.setObject(2, a.achievedAt().toInstant().atOffset(ZoneOffset.UTC));
            held.bind(ps, 3);
            return ps.executeUpdate();
        }
    }
}
