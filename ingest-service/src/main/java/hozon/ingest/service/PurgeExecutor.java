package hozon.ingest.service;

import hozon.ingest.client.HoldsGuard;
import hozon.ingest.config.IngestConfig;
import hozon.ingest.crypto.DayKeys;
import hozon.ingest.crypto.FieldCipher;
import hozon.ingest.domain.PurgeExecutionView;
import hozon.ingest.domain.PurgeOrder;
import hozon.ingest.store.ExecutionLog;
import hozon.ingest.store.Partition;
import hozon.ingest.store.PartitionManager;
import hozon.ingest.store.PartitionPurger;
import hozon.ingest.store.RecordKind;
import hozon.net.IpAddresses;
import hozon.problem.Problem;
import hozon.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Executes a purge plan it is given; decides nothing itself. Per category: a day wholly
 * before the cutoff is dropped (physically gone, time independent of its size) after the rows
 * a hold protects are copied to the preservation area; the cutoff's own day loses its expired,
 * unheld rows by DELETE; preserved rows whose holds have all ended and whose retention is past
 * leave the preservation area; a selector's records go up to the instant its purpose was
 * achieved. Each of these is one transaction that also writes the de-identified volumes and
 * the execution log, and checks with policy-service that no hold changed since the plan
 * before it commits. Fails closed: a stale plan, a cutoff in the future, or a changed hold
 * deletes nothing (more).
 */
@ApplicationScoped
public class PurgeExecutor {

    private static final Logger LOG = Logger.getLogger(PurgeExecutor.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PartitionManager partitions;

    @Inject
    PartitionPurger purger;

    @Inject
    ExecutionLog log;

    @Inject
    HoldsGuard guard;

    @Inject
    IngestConfig config;

    @Inject
    Clock clock;

    @Inject
    DayKeys keys;

    @Inject
    jakarta.transaction.TransactionManager transactions;

    public PurgeExecutionView execute(PurgeOrder order) throws SQLException {
        Instant started = clock.instant();
        check(order, started);
        Map<String, Instant> cutoffs = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        String abort = null;
        for (PurgeOrder.Cutoff c : order.cutoffs()) {
            var kind = RecordKind.ofCategory(c.category());
            if (kind.isEmpty()) {
                unknown.add(c.category());
                continue;
            }
            cutoffs.put(c.category(), c.cutoff().toInstant());
            if (abort == null) {
                try {
                    purge(order, kind.get(), c.cutoff().toInstant());
                } catch (HoldsGuard.HoldsChanged e) {
                    abort = e.getMessage();
                }
            }
        }
        List<PurgeExecutionView.CategoryOutcome> outcomes = withKeys(order.runId(), log.summary(order.runId(), cutoffs));
        LOG.infof("purge run %s executed: %d categories, completed=%s", order.runId(), outcomes.size(), abort == null);
        return new PurgeExecutionView(order.runId(), order.planDigest(), started, clock.instant(), abort == null, abort,
                outcomes, unknown);
    }

    /** What a run removed so far, from the execution log (e.g. after a crash on either side). */
    public PurgeExecutionView summary(java.util.UUID runId) throws SQLException {
        return new PurgeExecutionView(runId, null, null, null, false, null,
                withKeys(runId, log.summary(runId, Map.of())), List.of());
    }

    /** Adds to each category the day keys the run destroyed (from the key store). */
    private List<PurgeExecutionView.CategoryOutcome> withKeys(java.util.UUID runId,
            List<PurgeExecutionView.CategoryOutcome> outcomes) {
        Map<String, List<DayKeys.KeyInfo>> destroyed = keys.destroyedBy(runId.toString());
        List<PurgeExecutionView.CategoryOutcome> out = new ArrayList<>();
        for (PurgeExecutionView.CategoryOutcome o : outcomes) {
            out.add(o.withKeys(destroyed.getOrDefault(o.category(), List.of()).stream()
                    .map(k -> new PurgeExecutionView.DestroyedKey(k.id(), k.day(), k.destroyedAt())).toList()));
        }
        return out;
    }

    /**
     * Crypto-shredding (issue #11), after the deleting steps have committed: destroys each day key
     * of the kind's category whose JST day ended by the cutoff and of which no live row is left,
     * and each of its hold keys no preserved row is encrypted under any more (its hold ended and
     * the rows went). A day whose held rows stayed in place keeps its key. Idempotent: destroyed
     * keys are not listed again; a destruction that fails fails the run, and the next run
     * destroys the key.
     */
    private void shred(java.util.UUID runId, RecordKind kind, Instant cutoff) throws SQLException {
        LocalDate lastEnded = FieldCipher.day(cutoff).minusDays(1);
        for (DayKeys.LiveKey k : keys.liveKeys(kind.category(), lastEnded)) {
            boolean dayKey = k.slot().equals(kind.category());
            boolean used = purger.preservedUnder(kind, k.id());
            if (dayKey && !used) {
                Instant from = k.day().atStartOfDay(FieldCipher.JST).toInstant();
                Instant to = k.day().plusDays(1).atStartOfDay(FieldCipher.JST).toInstant();
                used = purger.anyLiveRow(kind, from, to);
            }
            if (!used) {
                keys.destroy(k.id(), runId.toString()).ifPresent(d -> LOG.infof("key %d (%s %s) destroyed", d.id(),
                        dayKey ? kind.category() : "a hold's key for " + kind.category(), dayKey ? d.day() : ""));
            }
        }
    }

    private void purge(PurgeOrder order, RecordKind kind, Instant cutoff) throws SQLException {
        List<PurgeOrder.Hold> holds = order.holdsOrEmpty().stream()
                .filter(h -> h.categories().contains(kind.category())).toList();
        List<Partition> days;
        try (Connection c = dataSource.getConnection()) {
            days = partitions.list(c, kind);
        }
        for (Partition p : days) {
            if (!p.from().isBefore(cutoff)) {
                continue;
            }
            if (!p.to().isAfter(cutoff)) {
                guarded(order, () -> purger.dropDay(order.runId(), p, touching(holds, p)));
                partitions.forget(p);
            } else {
                guarded(order, () -> purger.deleteBefore(order.runId(), p, cutoff, holds));
            }
        }
        guarded(order, () -> purger.releasePreserved(order.runId(), kind, cutoff, holds));
        for (PurgeOrder.Achievement a : order.achievementsOrEmpty()) {
            if (a.category().equals(kind.category())) {
                guarded(order, () -> purger.deleteAchieved(order.runId(), kind, a, holds));
            }
        }
        shred(order.runId(), kind, cutoff);
    }

    /**
     * Runs one deleting step in its own transaction, committing only if holds are unchanged (a
     * changed hold throws, and the step rolls back). Self-invoked: ArC intercepts a bean's own
     * non-private methods.
     */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = SQLException.class)
    <T> T guarded(PurgeOrder order, Step<T> step) throws SQLException {
        T result = step.run();
        guard.confirmUnchanged(order.holdsRevision());
        ensureStillOurs();
        return result;
    }

    /**
     * The step commits only in the transaction it began in: if anything ended or marked it
     * meanwhile (a timeout, another thread), stop rather than let the commit path decide.
     */
    private void ensureStillOurs() {
        int status;
        try {
            status = transactions.getStatus();
        } catch (jakarta.transaction.SystemException e) {
            throw new HoldsGuard.HoldsChanged("could not read the deleting step's transaction status; nothing more was deleted");
        }
        if (status != jakarta.transaction.Status.STATUS_ACTIVE) {
            throw new HoldsGuard.HoldsChanged("the deleting step's transaction is no longer active (status " + status
                    + "); nothing more was deleted");
        }
    }

    @FunctionalInterface
    interface Step<T> {
        T run() throws SQLException;
    }

    private static List<PurgeOrder.Hold> touching(List<PurgeOrder.Hold> holds, Partition p) {
        return holds.stream().filter(h -> h.windowFrom().toInstant().isBefore(p.to())
                && h.windowTo().toInstant().isAfter(p.from())).toList();
    }

    private void check(PurgeOrder order, Instant now) {
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
}
