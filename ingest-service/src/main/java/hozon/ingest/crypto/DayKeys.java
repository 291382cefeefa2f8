package hozon.ingest.crypto;

import hozon.ingest.config.IngestConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * The day keys in the key store (its own database, {@code hozon.ingest.keystore.jdbc-url}):
 * one random AES-256 data key and one HMAC-SHA-256 index key per (category, JST day), wrapped
 * by the current key-encryption key. Unwrapped keys are cached for
 * {@code hozon.ingest.crypto.key-cache-for}, so a key destroyed by another replica stops being
 * used here within that time. The key store is reached outside any log-store transaction
 * (its datasource takes no part in JTA): a key is committed before the rows it encrypts.
 */
@ApplicationScoped
public class DayKeys {

    private static final Logger LOG = Logger.getLogger(DayKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    @DataSource("keys")
    AgroalDataSource dataSource;

    @Inject
    KeyEncryptionKeys keks;

    @Inject
    IngestConfig config;

    @Inject
    Clock clock;

    /** An unwrapped day key. */
    public record DayKey(long id, String category, LocalDate day, SecretKeySpec data, SecretKeySpec index) {
    }

    /** A key as the key store lists it: never its material. */
    public record KeyInfo(long id, String category, LocalDate day, String kekId, Instant createdAt, Instant destroyedAt,
            String destroyedBy) {
    }

    private record Cached<T>(T value, Instant at) {
    }

    private final Map<String, Cached<DayKey>> live = new ConcurrentHashMap<>();
    private final Map<Long, Cached<Optional<DayKey>>> byId = new ConcurrentHashMap<>();

    /** The key store cannot be reached or read: nothing is encrypted or decrypted in its place. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The live key of (category, day), created if the day has none. */
    public DayKey forWrite(String category, LocalDate day) {
        String slot = category + "|" + day;
        Cached<DayKey> c = live.get(slot);
        if (c != null && fresh(c.at())) {
            return c.value();
        }
        try (Connection conn = dataSource.getConnection()) {
            DayKey k = readLive(conn, category, day);
            if (k == null) {
                k = create(conn, category, day);
            }
            live.put(slot, new Cached<>(k, clock.instant()));
            byId.put(k.id(), new Cached<>(Optional.of(k), clock.instant()));
            return k;
        } catch (SQLException | GeneralSecurityException e) {
            throw new Unavailable("the key store could not give the key for " + category + " " + day, e);
        }
    }

    /** The key with this id, or empty when it was destroyed (its day is erased). */
    public Optional<DayKey> byId(long id) {
        Cached<Optional<DayKey>> c = byId.get(id);
        if (c != null && fresh(c.at())) {
            return c.value();
        }
        Optional<DayKey> k = query("give key " + id, "select " + KEY + " from day_key where id = ? and wrapped is not null",
                this::unwrap, id).stream().findFirst();
        byId.put(id, new Cached<>(k, clock.instant()));
        return k;
    }

    /** The live keys of {@code category} for the JST days from {@code first} to {@code last}, inclusive. */
    public List<DayKey> live(String category, LocalDate first, LocalDate last) {
        return query("list the keys of " + category, "select " + KEY + " from day_key where category = ? and day between"
                + " ? and ? and destroyed_at is null order by day", this::unwrap, category, first, last);
    }

    /** The slot of a hold's key for one category's preserved records (its "day" is the epoch). */
    static String holdSlot(java.util.UUID holdId, String category) {
        return "hold/" + holdId + "/" + category;
    }

    /** The key a hold's preserved records of {@code category} are re-encrypted under, created on first use. */
    public DayKey forHold(java.util.UUID holdId, String category) {
        return forWrite(holdSlot(holdId, category), LocalDate.EPOCH);
    }

    private final Map<String, Cached<List<DayKey>>> holdKeys = new ConcurrentHashMap<>();

    /** The live hold keys of {@code category}: what searches of the preservation area also compare under. */
    public List<DayKey> holdKeys(String category) {
        Cached<List<DayKey>> c = holdKeys.get(category);
        if (c != null && fresh(c.at())) {
            return c.value();
        }
        List<DayKey> out = List.copyOf(query("list the hold keys of " + category, "select " + KEY + " from day_key where"
                + " category like 'hold/%/' || ? and destroyed_at is null order by id", this::unwrap, category));
        holdKeys.put(category, new Cached<>(out, clock.instant()));
        return out;
    }

    /** A live key: id and JST day (the epoch for a hold key). */
    public record LiveKey(long id, String slot, LocalDate day) {
    }

    /** The live day keys of {@code category} up to {@code last}, and its live hold keys, oldest first. */
    public List<LiveKey> liveKeys(String category, LocalDate last) {
        return query("list the keys of " + category, "select id, category, day from day_key where destroyed_at is null"
                + " and ((category = ? and day <= ?) or category like 'hold/%/' || ?) order by day, id",
                rs -> new LiveKey(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class)), category, last, category);
    }

    /** The keys a purge run destroyed, by the category of the records they encrypted. */
    public Map<String, List<KeyInfo>> destroyedBy(String by) {
        Map<String, List<KeyInfo>> out = new java.util.LinkedHashMap<>();
        for (KeyInfo k : query("be read", "select " + INFO + " from day_key where destroyed_by = ? order by category, day",
                DayKeys::info, by)) {
            // A hold's key counts for the category its records are of.
            String slot = k.category();
            out.computeIfAbsent(slot.startsWith("hold/") ? slot.substring(slot.lastIndexOf('/') + 1) : slot,
                    x -> new ArrayList<>()).add(k);
        }
        return out;
    }

    /** Every key of {@code category} (or all), live and destroyed, newest day first: ids and times only. */
    public List<KeyInfo> list(String category) {
        String order = " order by day desc, category, id";
        return category == null ? query("list its keys", "select " + INFO + " from day_key" + order, DayKeys::info)
                : query("list its keys", "select " + INFO + " from day_key where category = ?" + order, DayKeys::info,
                        category);
    }

    /**
     * Destroys a live key: its wrapped material is overwritten with NULL and
     * the dead row version vacuumed away, so not even the key store's own pages keep it (its
     * backups do, for their configured retention). Idempotent.
     *
     * @return the destroyed key's record, or empty when it was destroyed already
     */
    public Optional<KeyInfo> destroy(long id, String by) {
        try (Connection conn = dataSource.getConnection()) {
            Optional<KeyInfo> destroyed = Optional.empty();
            try (PreparedStatement ps = conn.prepareStatement("update day_key set wrapped = null, kek_id = null,"
                    + " destroyed_at = now(), destroyed_by = ? where id = ? and destroyed_at is null"
                    + " returning id, category, day, created_at, destroyed_at, destroyed_by")) {
                ps.setString(1, by);
                ps.setLong(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        destroyed = Optional.of(new KeyInfo(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                                null, rs.getObject(4, OffsetDateTime.class).toInstant(),
                                rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6)));
                    }
                }
            }
            if (destroyed.isPresent()) {
                try (Statement s = conn.createStatement()) {
                    s.execute("vacuum day_key");
                }
                live.remove(destroyed.get().category() + "|" + destroyed.get().day());
                byId.put(id, new Cached<>(Optional.empty(), clock.instant()));
                holdKeys.clear();
            }
            return destroyed;
        } catch (SQLException e) {
            throw new Unavailable("the key store could not destroy key " + id, e);
        }
    }

    /**
     * Re-wraps every live day key under the current key-encryption key (the data is never
     * re-encrypted). After it, older KEKs can leave the mounted secret.
     *
     * @return how many keys were re-wrapped
     */
    public int rotate() {
        String current = keks.currentId();
        int n = 0;
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(
                "select id, category, day, kek_id, wrapped from day_key where destroyed_at is null and kek_id <> ?");
                PreparedStatement up = conn.prepareStatement("update day_key set kek_id = ?, wrapped = ? where id = ?"
                        + " and destroyed_at is null")) {
            ps.setString(1, current);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DayKey k = unwrap(rs);
                    byte[] material = material(k);
                    up.setString(1, current);
                    up.setBytes(2, keks.wrap(material, aad(k.category(), k.day())));
                    up.setLong(3, k.id());
                    n += up.executeUpdate();
                    Arrays.fill(material, (byte) 0);
                }
            }
            LOG.infof("%d day key(s) re-wrapped under key-encryption key %s", n, current);
            return n;
        } catch (SQLException | GeneralSecurityException e) {
            throw new Unavailable("the key store could not re-wrap its keys", e);
        }
    }

    /** How many live keys are still wrapped by each KEK (a rotation is complete when only the current one has any). */
    public Map<String, Long> wrappedBy() {
        Map<String, Long> out = new java.util.TreeMap<>();
        query("be read", "select kek_id, count(*) from day_key where destroyed_at is null group by kek_id", rs -> {
            out.put(rs.getString(1), rs.getLong(2));
            return null;
        });
        return out;
    }

    private DayKey readLive(Connection conn, String category, LocalDate day) throws SQLException, GeneralSecurityException {
        try (PreparedStatement ps = conn.prepareStatement("select " + KEY + " from day_key where category = ? and day = ?"
                + " and destroyed_at is null")) {
            ps.setString(1, category);
            ps.setObject(2, day);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? unwrap(rs) : null;
            }
        }
    }

    private DayKey create(Connection conn, String category, LocalDate day) throws SQLException, GeneralSecurityException {
        byte[] material = new byte[64];
        RANDOM.nextBytes(material);
        try (PreparedStatement ps = conn.prepareStatement("insert into day_key (category, day, kek_id, wrapped)"
                + " values (?, ?, ?, ?) on conflict (category, day) where destroyed_at is null do nothing")) {
            ps.setString(1, category);
            ps.setObject(2, day);
            ps.setString(3, keks.currentId());
            ps.setBytes(4, keks.wrap(material, aad(category, day)));
            ps.executeUpdate();
        } finally {
            Arrays.fill(material, (byte) 0);
        }
        // Another replica may have created it first: the stored one is the key.
        DayKey k = readLive(conn, category, day);
        if (k == null) {
            throw new SQLException("day key of " + category + " " + day + " vanished right after its creation");
        }
        LOG.debugf("day key %d created for %s %s", k.id(), category, day);
        return k;
    }

    private static final String KEY = "id, category, day, kek_id, wrapped";
    private static final String INFO = "id, category, day, kek_id, created_at, destroyed_at, destroyed_by";

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException, GeneralSecurityException;
    }

    /** One read of the key store; any failure is the key store being unavailable. */
    private <T> List<T> query(String what, String sql, Row<T> row, Object... params) {
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    T t = row.read(rs);
                    if (t != null) {
                        out.add(t);
                    }
                }
            }
            return out;
        } catch (SQLException | GeneralSecurityException e) {
            throw new Unavailable("the key store could not " + what, e);
        }
    }

    private static KeyInfo info(ResultSet rs) throws SQLException {
        return new KeyInfo(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4),
                rs.getObject(5, OffsetDateTime.class).toInstant(), instant(rs.getObject(6, OffsetDateTime.class)),
                rs.getString(7));
    }

    private DayKey unwrap(ResultSet rs) throws SQLException, GeneralSecurityException {
        String category = rs.getString(2);
        LocalDate day = rs.getObject(3, LocalDate.class);
        byte[] material = keks.unwrap(rs.getString(4), rs.getBytes(5), aad(category, day));
        try {
            return new DayKey(rs.getLong(1), category, day, new SecretKeySpec(material, 0, 32, "AES"),
                    new SecretKeySpec(material, 32, 32, "HmacSHA256"));
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    private static byte[] material(DayKey k) {
        byte[] m = new byte[64];
        System.arraycopy(k.data().getEncoded(), 0, m, 0, 32);
        System.arraycopy(k.index().getEncoded(), 0, m, 32, 32);
        return m;
    }

    /** A wrapped key opens only in its own slot. */
    private static byte[] aad(String category, LocalDate day) {
        return ("hozon-day-key|" + category + "|" + day).getBytes(StandardCharsets.UTF_8);
    }

    private boolean fresh(Instant at) {
        return !clock.instant().isAfter(at.plus(config.crypto().keyCacheFor()));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
