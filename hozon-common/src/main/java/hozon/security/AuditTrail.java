package hozon.security;

import hozon.concurrent.GroupCommit;
import io.agroal.api.AgroalDataSource;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * The service's security audit trail (Guideline Art. 12): every write and every denied request,
 * with principal, time, action and outcome, hash-chained like the purge ledger. Each service
 * keeps it in its own schema, table {@code security_audit}. Never the request body: actions are
 * method and path, and paths carry no identifiers of people.
 */
@ApplicationScoped
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    private static final long APPEND_LOCK = 0x6175646974L;

    @Inject
    AgroalDataSource dataSource;

    public record Entry(long seq, Instant at, String principal, String action, int status, String outcome,
            String prevHash, String hash) {

        String canonical() {
            return at + "|" + principal + "|" + action + "|" + status + "|" + outcome;
        }
    }

    /** Bad or expired tokens are refused before any resource runs; they are recorded here. */
    void onAuthenticationFailure(@ObservesAsync AuthenticationFailureEvent e) {
        String action = "authentication failed";
        for (Object v : e.getEventProperties().values()) {
            if (v instanceof io.vertx.ext.web.RoutingContext rc) {
                action = rc.request().method().name() + " " + rc.normalizedPath();
            }
        }
        append("anonymous", action, 401);
    }

    /**
     * Queues an entry for the next group commit and returns when it is durable: the HTTP filter
     * answers a write only after its entry is committed, so a crash never loses the audit entry of
     * an acknowledged request. One writer thread takes whatever is queued (at most
     * {@value #MAX_BATCH}) and appends it in one transaction — one lock, one read of the chain's
     * head, one commit for the lot — so concurrent requests share a commit instead of queueing one
     * by one on the append lock (issue #19). The chain is computed entry by entry as before, under
     * the same advisory lock, so other replicas' writers interleave whole batches safely.
     */
    public CompletableFuture<Void> append(String principal, String action, int status) {
        String outcome = status == 401 || status == 403 ? "DENIED" : status < 400 ? "OK" : "REFUSED";
        Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as PostgreSQL stores it
        return writes.submit(new Entry(0, at, principal, action, status, outcome, null, null));
    }

    static final int MAX_BATCH = 256;
    // One writer: batches are appended in the order they were queued.
    private final GroupCommit<Entry, Void> writes = new GroupCommit<>("security-audit-writer", 1, MAX_BATCH,
            Integer.MAX_VALUE, this::write);

    private void write(List<GroupCommit.Pending<Entry, Void>> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, APPEND_LOCK);
                    lock.execute();
                }
                String prev = HashChain.GENESIS;
                try (PreparedStatement last = c.prepareStatement(
                        "select hash from security_audit order by seq desc limit 1");
                        ResultSet rs = last.executeQuery()) {
                    if (rs.next()) {
                        prev = rs.getString(1);
                    }
                }
                try (PreparedStatement ins = c.prepareStatement("insert into security_audit"
                        + " (at, principal, action, status, outcome, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?)")) {
                    for (GroupCommit.Pending<Entry, Void> p : batch) {
                        Entry e = p.item();
                        String hash = HashChain.link(prev, e.canonical());
                        ins.setObject(1, e.at().atOffset(ZoneOffset.UTC));
                        ins.setString(2, e.principal());
                        ins.setString(3, e.action());
                        ins.setInt(4, e.status());
                        ins.setString(5, e.outcome());
                        ins.setString(6, prev);
                        ins.setString(7, hash);
                        ins.addBatch();
                        prev = hash;
                    }
                    ins.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException ex) {
                c.rollback();
                throw ex;
            }
        } catch (SQLException | RuntimeException ex) {
            // One line for the batch, with its cause and every entry it lost (principal, method and path, status).
            LOG.errorf(ex, "%d security audit entries could not be written: %s", batch.size(), batch.stream()
                    .map(p -> p.item().principal() + " " + p.item().action() + " " + p.item().status()).toList());
            throw ex;
        }
        batch.forEach(p -> p.done().complete(null));
    }

    /** Whatever is still queued at shutdown is written before the service stops. */
    void flush(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent stop) {
        writes.flush(java.time.Duration.ofSeconds(10));
    }

    /** Newest first. */
    public List<Entry> latest(int limit) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select seq, at, principal, action, status, outcome, prev_hash, hash from security_audit"
                        + " order by seq desc limit ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7),
                            rs.getString(8)));
                }
            }
        }
        return out;
    }

    /** Recomputes the chain; null when it holds, else the sequence number of the first broken link. */
    public Long firstBrokenLink() throws SQLException {
        String prev = HashChain.GENESIS;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select seq, at, principal, action, status, outcome, prev_hash, hash from security_audit order by seq")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Entry e = new Entry(rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7),
                            rs.getString(8));
                    if (!e.prevHash().equals(prev) || !HashChain.link(prev, e.canonical()).equals(e.hash())) {
                        return e.seq();
                    }
                    prev = e.hash();
                }
            }
        }
        return null;
    }
}
