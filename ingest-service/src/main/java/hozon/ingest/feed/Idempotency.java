package hozon.ingest.feed;

import hozon.problem.Problem;
import hozon.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code Idempotency-Key} for batches: the first successful answer to (principal, key) is kept
 * and replayed for a retry with the same body; the same key with another body is refused (422).
 * Records are idempotent without a key too (a duplicate is stored once); the key makes the
 * answer itself repeatable, counts included.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 200;

    @Inject
    AgroalDataSource dataSource;

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
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select status, response, body_sha256 from idempotency_record where principal = ? and key = ?")) {
            ps.setString(1, principal);
            ps.setString(2, key);
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
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into idempotency_record (principal, key, endpoint, body_sha256, status, response, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, now()) on conflict do nothing")) {
            ps.setString(1, principal);
            ps.setString(2, key);
            ps.setString(3, endpoint);
            ps.setBytes(4, sha256);
            ps.setInt(5, status);
            ps.setString(6, response);
            ps.executeUpdate();
        }
    }

    public int expire(Instant before) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from idempotency_record where created_at < ?")) {
            ps.setObject(1, before.atOffset(java.time.ZoneOffset.UTC));
            return ps.executeUpdate();
        }
    }
}
