package hozon.ingest.feed;

import hozon.ingest.config.IngestConfig;
import hozon.problem.Problem;
import io.quarkus.scheduler.Scheduled;
import hozon.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code Idempotency-Key} for batches: the first successful answer to (principal, key) is kept
 * and replayed for a retry with the same body; the same key with another body is refused (422).
 * Records are idempotent without a key too (a duplicate is stored once); the key makes the
 * answer itself repeatable, counts included. A key lives {@code hozon.ingest.idempotency.retention}:
 * after that it is neither replayed nor kept (swept every {@code …sweep-every}); a retry that
 * late is answered afresh, and its records are still stored once.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 200;

    private static final Logger LOG = Logger.getLogger(Idempotency.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    IngestConfig config;

    /** A kept answer. */
    public record Stored(int status, String response, byte[] sha256) {
    }

    public static void checkKey(String key) {
        if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e))) {
            throw ProblemException.invalid("Idempotency-Key must be 1.." + MAX_KEY_LENGTH + " visible ASCII characters",
                    Problem.FieldError.of("Idempotency-Key", "malformed"));
        }
    }

    public Optional<Stored> find(String principal, String key) throws SQLException {
        return find(principal, key, clock.instant());
    }

    /** The answer kept for (principal, key) as of {@code now}: none once the key's retention has passed. */
    Optional<Stored> find(String principal, String key, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select status, response, body_sha256 from idempotency_record where principal = ? and key = ?"
                        + " and created_at > ?")) {
            ps.setString(1, principal);
            ps.setString(2, key);
            ps.setObject(3, now.minus(config.idempotency().retention()).atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Stored(rs.getInt(1), rs.getString(2), rs.getBytes(3))) : Optional.empty();
            }
        }
    }

    /** The kept answer if this body was seen under this key; refuses a different body. */
    public Optional<Stored> replay(Optional<Stored> stored, byte[] sha256, String key) {
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (!Arrays.equals(stored.get().sha256(), sha256)) {
            throw new ProblemException(new Problem("idempotency-key-reused", "Idempotency-Key reused", 422,
                    "This Idempotency-Key was used for a different body; nothing was stored. Use a new key per batch")
                    .with("idempotencyKey", key));
        }
        return stored;
    }

    public void save(String principal, String key, String endpoint, byte[] sha256, int status, String response)
            throws SQLException {
        save(principal, key, endpoint, sha256, status, response, clock.instant());
    }

    /**
     * Keeps the first answer; a key whose earlier answer has passed its retention (not yet swept)
     * takes the new one.
     */
    void save(String principal, String key, String endpoint, byte[] sha256, int status, String response, Instant now)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into idempotency_record (principal, key, endpoint, body_sha256, status, response, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?) on conflict (principal, key) do update set endpoint = excluded.endpoint,"
                        + " body_sha256 = excluded.body_sha256, status = excluded.status, response = excluded.response,"
                        + " created_at = excluded.created_at where idempotency_record.created_at <= ?")) {
            ps.setString(1, principal);
            ps.setString(2, key);
            ps.setString(3, endpoint);
            ps.setBytes(4, sha256);
            ps.setInt(5, status);
            ps.setString(6, response);
            ps.setObject(7, now.atOffset(ZoneOffset.UTC));
            ps.setObject(8, now.minus(config.idempotency().retention()).atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    /** Deletes the keys past their retention. */
    @Scheduled(every = "${hozon.ingest.idempotency.sweep-every:PT10M}", delay = 1,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() throws SQLException {
        int n = expire(clock.instant().minus(config.idempotency().retention()));
        if (n > 0) {
            LOG.debugf("%d idempotency keys past their retention deleted", n);
        }
    }

    /** Deletes the keys created before {@code before}; how many. */
    int expire(Instant before) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from idempotency_record where created_at < ?")) {
            ps.setObject(1, before.atOffset(ZoneOffset.UTC));
            return ps.executeUpdate();
        }
    }
}
