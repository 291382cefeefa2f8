package hozon.ingest.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Creates day partitions on demand and drops them on purge. Creation runs in its own short
 * transaction, before the data transaction, under an advisory lock per partition so that
 * concurrent batches for a new day neither race nor block each other for long.
 */
@ApplicationScoped
public class PartitionManager {

    private static final Logger LOG = Logger.getLogger(PartitionManager.class);

    @Inject
    AgroalDataSource dataSource;

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /**
     * Makes sure each partition exists, each created in a transaction of its own (committed before
     * the caller's writes, which may run in a transaction already open).
     */
    public void ensure(Collection<Partition> partitions) throws SQLException {
        for (Partition p : partitions) {
            if (known.contains(p.name())) {
                continue;
            }
            create(p);
            known.add(p.name());
            LOG.debugf("partition %s ready", p.name());
        }
    }

    /** Self-invoked (ArC intercepts a bean's own non-private methods). */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = SQLException.class)
    void create(Partition p) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtext(?))");
                Statement create = c.createStatement()) {
            // Two instances creating the same day: the second waits, then finds it.
            lock.setString(1, p.name());
            lock.execute();
            create.execute("create table if not exists " + p.name() + " partition of " + p.kind().table()
                    + " for values from ('" + p.from() + "') to ('" + p.to() + "')");
        }
    }

    /** PostgreSQL: "no partition of relation … found for row" (the day was dropped meanwhile). */
    private static final String NO_PARTITION = "23514";

    /** Work that writes into day partitions. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run() throws SQLException;
    }

    /**
     * Makes sure {@code days} exist, then runs {@code work} (its own transaction: PostgreSQL aborts
     * a transaction whose insert found no partition). If a purge dropped one of these days after
     * this instance believed it existed, the days are made again and the work runs once more.
     */
    public <T> T withPartitions(Collection<Partition> days, SqlWork<T> work) throws SQLException {
        ensure(days);
        try {
            return work.run();
        } catch (SQLException e) {
            if (!NO_PARTITION.equals(e.getSQLState())) {
                throw e;
            }
            days.forEach(this::forget);
            ensure(days);
            return work.run();
        }
    }

    /** Forgets what this instance believed to exist (after a drop, or an insert that found none). */
    public void forget(Partition p) {
        known.remove(p.name());
    }

    /** The day partitions of {@code kind}'s table, oldest first. */
    public List<Partition> list(Connection c, RecordKind kind) throws SQLException {
        List<Partition> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select child.relname from pg_inherits i"
                        + " join pg_class parent on parent.oid = i.inhparent"
                        + " join pg_class child on child.oid = i.inhrelid"
                        + " join pg_namespace n on n.oid = parent.relnamespace"
                        + " where parent.relname = ? and n.nspname = current_schema()")) {
            ps.setString(1, kind.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Partition p = Partition.parse(kind, rs.getString(1));
                    if (p != null) {
                        result.add(p);
                    }
                }
            }
        }
        result.sort(Comparator.comparing(Partition::day));
        return result;
    }
}
