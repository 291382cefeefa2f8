package hozon.ingest.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the look-ups read, on the look-ups' own pool (never starved by feeds; generic plans on
 * plain PostgreSQL, a plan per execution on Citus, where each statement is routed to its shard).
 * One {@link Reader} per look-up: all its statements and its audit entry on one connection.
 * Identifying columns come back decoded ({@link IdentityCodec}).
 */
@ApplicationScoped
public class LookupStore {

    private static final String CP_COLUMNS = "account_id, event_type, event_id, host(ip), source_port, occurred_at,"
            + " host(destination_ip), destination_port, sms_phone, user_code";

    @Inject
    @DataSource("lookup")
    AgroalDataSource dataSource;

    @Inject
    IdentityCodec codec;

    /** A session an AP look-up found, and the port block it was reached through (null when matched directly). */
    public record SessionRow(String matchedBy, String subscriberId, String sessionId, String nasId, String assignedAddress,
            String publicIp, Integer publicPortStart, Integer publicPortEnd, Instant start, Instant end,
            String mobileUserId, String simId, BlockRow block) {
    }

    /** A CGN port-block record of the chain. */
    public record BlockRow(String publicIp, int portStart, int portEnd, Instant allocatedAt, Instant releasedAt,
            String deviceId) {
    }

    /** A CP event as a look-up answers it, its identifying fields decrypted ({@code erased} once its day key is gone). */
    public record CpRow(String accountId, String kind, String eventId, String ip, Integer sourcePort,
            Instant occurredAt, String destinationIp, Integer destinationPort, String smsVerifiedPhone,
            String userManagementCode) {
    }

    private volatile Boolean distributed;

    /**
     * Whether the log store is sharded (the {@code citus} extension is installed; V15 distributed
     * the tables then): the AP chain then runs as statements each routed to one shard.
     */
    public boolean distributed() throws SQLException {
        Boolean d = distributed;
        if (d == null) {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "select exists (select 1 from pg_extension where extname = 'citus')"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                distributed = d = rs.getBoolean(1);
            }
        }
        return d;
    }

    /** A port block of the chain and the inside address it was held by. */
    public record InsideBlock(String insideIp, BlockRow block) {
    }

    public Reader open() throws SQLException {
        return new Reader(dataSource.getConnection());
    }

    /**
     * A connection for many look-ups in one transaction (a bulk look-up): their audit entries
     * become durable together at {@link Reader#commit()}, one commit for many answers.
     */
    public Reader openTransaction() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        return new Reader(c);
    }

    /** One look-up's connection. */
    public final class Reader implements AutoCloseable {

        private final Connection c;

        private Reader(Connection c) {
            this.c = c;
        }

        /** For the look-up's audit entry, written on the same connection. */
        public Connection connection() {
            return c;
        }

        /**
         * Sessions from a statement whose rows are (branch, matched-by, the eleven
         * {@code ApChainStatement.SESSION_COLUMNS}[, the six {@code BLOCK_COLUMNS}]).
         */
        public List<SessionRow> sessions(String sql, List<Object> params) throws SQLException {
            List<SessionRow> out = new ArrayList<>();
            try (PreparedStatement ps = prepare(sql, params); ResultSet rs = ps.executeQuery()) {
                boolean withBlock = rs.getMetaData().getColumnCount() >= 19;
                while (rs.next()) {
                    BlockRow block = withBlock && rs.getString(14) != null
                            ? new BlockRow(rs.getString(14), rs.getInt(15), rs.getInt(16), instant(rs, 17), instant(rs, 18),
                                    rs.getString(19))
                            : null;
                    String record = LogStore.sessionRecord(rs.getString(5), rs.getString(4), instant(rs, 10));
                    out.add(new SessionRow(rs.getString(2), codec.decrypt(IdentityCodec.IdentityField.SUBSCRIBER, record,
                            rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            (Integer) rs.getObject(8), (Integer) rs.getObject(9), instant(rs, 10), instant(rs, 11),
                            codec.decrypt(IdentityCodec.IdentityField.MOBILE_USER, record, rs.getString(12)),
                            codec.decrypt(IdentityCodec.IdentityField.SIM, record, rs.getString(13)), block));
                }
            }
            return out;
        }

        /**
         * The prefix lengths wider than the routing key's in use (V15 {@code route_width}), read
         * for each look-up: a session stored a moment ago under a new width is found.
         */
        public RouteWidths widths() throws SQLException {
            List<Integer> v4 = new ArrayList<>();
            List<Integer> v6 = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select family, len from route_width order by len");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    (rs.getInt(1) == 4 ? v4 : v6).add(rs.getInt(2));
                }
            }
            return new RouteWidths(v4, v6);
        }

        /** Rows of {@code ApChainStatement.publicPointers}: each a session's key, to bind as it comes. */
        public List<List<Object>> pointers(String sql, List<Object> params) throws SQLException {
            List<List<Object>> out = new ArrayList<>();
            try (PreparedStatement ps = prepare(sql, params); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(List.of(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                            rs.getString(4), rs.getString(5)));
                }
            }
            return out;
        }

        /** Rows of {@code ApChainStatement.blocks}. */
        public List<InsideBlock> blocks(String sql, List<Object> params) throws SQLException {
            List<InsideBlock> out = new ArrayList<>();
            try (PreparedStatement ps = prepare(sql, params); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new InsideBlock(rs.getString(1), new BlockRow(rs.getString(2), rs.getInt(3), rs.getInt(4),
                            instant(rs, 5), instant(rs, 6), rs.getString(7))));
                }
            }
            return out;
        }

        /** The post, live or preserved. */
        public Optional<CpRow> post(String postId) throws SQLException {
            // By its pointer (V16 cp_post_ref, sharded by post id), then by its key (sharded by
            // account): one shard each on a sharded store.
            List<Object> key = null;
            try (PreparedStatement ps = prepare("select occurred_at, encode(account_bidx, 'hex') from cp_post_ref"
                    + " where event_id = ? order by occurred_at limit 1", List.of(postId)); ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    key = List.of(rs.getObject(1, OffsetDateTime.class), rs.getString(2), postId);
                }
            }
            if (key == null) {
                return Optional.empty();
            }
            for (String relation : List.of(RecordKind.CP_POST.table(), RecordKind.CP_POST.preservedTable())) {
                List<CpRow> rows = cp("select " + CP_COLUMNS + " from " + relation + " where occurred_at = ?"
                        + " and account_bidx = decode(?, 'hex') and event_id = ?", key, RecordKind.CP_POST);
                if (!rows.isEmpty()) {
                    return Optional.of(rows.get(0));
                }
            }
            return Optional.empty();
        }

        /**
         * The account's event of {@code kind} (live or preserved) with an address nearest to
         * {@code t} within {@code window}: at or before it ({@code before}), else after it. The
         * account is found by its blind index under each live day key of the window; a day whose
         * key was destroyed has none, and its events are not found.
         */
        public Optional<CpRow> nearest(RecordKind kind, String account, Instant t, Duration window, boolean before)
                throws SQLException {
            Instant from = before ? t.minus(window) : t;
            Instant to = before ? t : t.plus(window);
            List<String> indexes = codec.blindIndexes(IdentityCodec.IdentityField.ACCOUNT, kind.category(), from,
                    to.plusNanos(1_000), account);
            if (indexes.isEmpty()) {
                return Optional.empty();
            }
            CpRow best = null;
            for (String relation : List.of(kind.table(), kind.preservedTable())) {
                // Live rows by their day index (the primary key's first column and the distribution
                // column on a sharded store: one placeholder per index, each folding to a constant
                // Citus routes by — a shard per day of the window at most); preserved ones also by
                // the index under their hold's key (the preservation area, small, is read whole).
                boolean live = relation.equals(kind.table());
                List<Object> params = new ArrayList<>(indexes);
                String match = live
                        ? "account_bidx in (" + String.join(", ", java.util.Collections.nCopies(indexes.size(),
                                "decode(?, 'hex')")) + ")"
                        : "array[account_bidx, hold_bidx] && array(select decode(x, 'hex') from unnest(?::text[]) x)";
                if (!live) {
                    params = new ArrayList<>(List.of(c.createArrayOf("text", indexes.toArray())));
                }
                String sql = "select " + CP_COLUMNS + " from " + relation + " where " + match + " and ip is not null"
                        + (before ? " and occurred_at <= ? and occurred_at >= ? order by occurred_at desc limit 1"
                                : " and occurred_at > ? and occurred_at <= ? order by occurred_at limit 1");
                params.add(utc(t));
                params.add(utc(before ? t.minus(window) : t.plus(window)));
                List<CpRow> rows = cp(sql, params, kind);
                if (!rows.isEmpty()) {
                    CpRow r = rows.get(0);
                    if (best == null || (before ? r.occurredAt().isAfter(best.occurredAt())
                            : r.occurredAt().isBefore(best.occurredAt()))) {
                        best = r;
                    }
                }
            }
            return Optional.ofNullable(best);
        }

        /** How far the category has been purged (R9's "logs already gone"), if ever. */
        public Optional<Instant> appliedCutoff(String category) throws SQLException {
            try (PreparedStatement ps = prepare("select cutoff from applied_cutoff where category = ?", List.of(category));
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(instant(rs, 1)) : Optional.empty();
            }
        }

        /** Counts a look-up that came after the logs were gone: category, instant asked about, its age. */
        public void recordExpired(String category, Instant askedAbout, int ageDays) throws SQLException {
            try (PreparedStatement ps = prepare("insert into expired_lookup (at, category, asked_about, age_days)"
                    + " values (now(), ?, ?, ?)", List.of(category, utc(askedAbout), ageDays))) {
                ps.executeUpdate();
            }
        }

        private List<CpRow> cp(String sql, List<Object> params, RecordKind kind) throws SQLException {
            List<CpRow> out = new ArrayList<>();
            try (PreparedStatement ps = prepare(sql, params); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String record = LogStore.cpRecord(kind, rs.getString(3), instant(rs, 6));
                    out.add(new CpRow(codec.decrypt(IdentityCodec.IdentityField.ACCOUNT, record, rs.getString(1)),
                            rs.getString(2), rs.getString(3), rs.getString(4), (Integer) rs.getObject(5), instant(rs, 6),
                            rs.getString(7), (Integer) rs.getObject(8),
                            codec.decrypt(IdentityCodec.IdentityField.PHONE, record, rs.getString(9)),
                            codec.decrypt(IdentityCodec.IdentityField.USER_CODE, record, rs.getString(10))));
                }
            }
            return out;
        }

        private PreparedStatement prepare(String sql, List<Object> params) throws SQLException {
            PreparedStatement ps = c.prepareStatement(sql);
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            return ps;
        }

        /** Makes what this transaction wrote (the audit entries) durable. */
        public void commit() throws SQLException {
            c.commit();
        }

        @Override
        public void close() throws SQLException {
            try {
                if (!c.getAutoCommit()) {
                    c.rollback(); // whatever was not committed (a failed chunk) never counts
                    c.setAutoCommit(true);
                }
            } finally {
                c.close();
            }
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
