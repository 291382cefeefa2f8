package hozon.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import hozon.devdb.EmbeddedPostgresTestResource;
import hozon.ingest.domain.PurgeOrder;
import hozon.ingest.domain.PurgeOrder.SelectorKind;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The hold condition, run as SQL on a real PostgreSQL, against a plain-Java reading of what a
 * hold protects: for every generated row (each nullable column NULL or not) and holds of every
 * selector kind, the rows the condition calls held are exactly those some hold's selector
 * matches, and its complement — what a delete removes — is exactly all the others. A NULL column
 * never keeps a row (issue: an unheld session without a public address escaped the cutoff-day
 * delete while an unrelated address hold was in force).
 */
class HoldPredicateProperties {

    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final IdentityCodec CODEC = new OneKeyCodec();
    private static Connection db;

    /** The log tables' columns and nullability as V1 creates them, without partitioning. */
    private static final Map<RecordKind, String> DDL = Map.of(
            RecordKind.AP_SESSION, "id int primary key, assigned_ip inet not null, started_at timestamptz not null,"
                    + " session_id text not null, subscriber_id text not null, subscriber_bidx bytea, hold_bidx bytea, public_ip inet,"
                    + " public_port_start integer, public_port_end integer",
            RecordKind.AP_PORT_BLOCK, "id int primary key, public_ip inet not null, allocated_at timestamptz not null,"
                    + " port_start integer not null, port_end integer not null, inside_ip inet not null",
            RecordKind.CP_POST, cpColumns(),
            RecordKind.CP_LOGIN, cpColumns(),
            RecordKind.CP_ACCOUNT, cpColumns());

    private static String cpColumns() {
        return "id int primary key, account_id text not null, account_bidx bytea not null, hold_bidx bytea,"
                + " occurred_at timestamptz not null,"
                + " event_id text not null, ip inet, source_port integer";
    }

    @BeforeContainer
    static void connect() throws SQLException {
        Map<String, String> props = new EmbeddedPostgresTestResource().start();
        db = DriverManager.getConnection(props.get("quarkus.datasource.jdbc.url"),
                props.get("quarkus.datasource.username"), props.get("quarkus.datasource.password"));
        try (Statement s = db.createStatement()) {
            s.execute("create schema if not exists hold_predicate_property");
            s.execute("set search_path = hold_predicate_property");
            for (Map.Entry<RecordKind, String> e : DDL.entrySet()) {
                s.execute("drop table if exists " + e.getKey().table());
                s.execute("create table " + e.getKey().table() + " (" + e.getValue() + ")");
            }
        }
    }

    @AfterContainer
    static void disconnect() throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("drop schema hold_predicate_property cascade");
        }
        db.close();
    }

    @Property(tries = 400)
    void aRowIsKeptExactlyWhenSomeHoldsSelectorMatchesItNeverBecauseOfNull(@ForAll("kinds") RecordKind kind,
            @ForAll("rows") List<Row> generated, @ForAll("holds") List<PurgeOrder.Hold> holds) throws SQLException {
        List<Row> rows = generated.stream().map(r -> r.storedAs(kind)).toList();
        try (Statement s = db.createStatement()) {
            s.execute("truncate " + kind.table());
        }
        for (int i = 0; i < rows.size(); i++) {
            insert(kind, i, rows.get(i));
        }
        Set<Integer> expectedHeld = new TreeSet<>();
        Set<Integer> expectedFree = new TreeSet<>();
        for (int i = 0; i < rows.size(); i++) {
            (isHeld(kind, rows.get(i), holds) ? expectedHeld : expectedFree).add(i);
        }

        SqlFragment held = HoldPredicate.protectedRows(kind, holds, CODEC);
        assertThat(ids(kind, held)).as("rows the hold condition protects").isEqualTo(expectedHeld);
        assertThat(ids(kind, held.not())).as("rows a delete outside the holds removes").isEqualTo(expectedFree);
        assertThat(ids(kind, new SqlFragment("(" + held.sql() + ") is null", held.params())))
                .as("rows for which the condition is NULL").isEmpty();
    }

    // ---- the oracle: what a hold protects, read from the selector kinds' contract ----

    private static boolean isHeld(RecordKind kind, Row r, List<PurgeOrder.Hold> holds) {
        for (PurgeOrder.Hold h : holds) {
            Instant t = r.at();
            boolean inWindow = !t.isBefore(h.windowFrom().toInstant()) && t.isBefore(h.windowTo().toInstant());
            if (inWindow && h.selectors().stream().anyMatch(s -> matches(kind, r, s))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(RecordKind kind, Row r, PurgeOrder.Selector s) {
        boolean cp = kind.category().startsWith("cp.");
        boolean withPorts = s.portStart() != null;
        return switch (s.kind()) {
            case SUBSCRIBER -> kind == RecordKind.AP_SESSION && s.value().equals(r.subscriber());
            case SESSION -> kind == RecordKind.AP_SESSION && s.value().equals(r.session());
            case ACCOUNT -> cp && s.value().equals(r.account());
            case POST -> kind == RecordKind.CP_POST && s.value().equals(r.eventId());
            case IP -> switch (kind) {
                case AP_SESSION, AP_PORT_BLOCK -> overlaps(r.inner(), s.value())
                        || (r.outer() != null && overlaps(r.outer(), s.value())
                                && (!withPorts || (r.portStart() != null && r.portStart() <= s.portEnd()
                                        && r.portEnd() >= s.portStart())));
                default -> r.outer() != null && overlaps(r.outer(), s.value())
                        && (!withPorts || (r.portStart() != null && r.portStart() >= s.portStart()
                                && r.portStart() <= s.portEnd()));
            };
        };
    }

    /** PostgreSQL's {@code inet && inet}: same family, and equal in the shorter of the two prefixes. */
    static boolean overlaps(String a, String b) {
        byte[] x = address(a);
        byte[] y = address(b);
        if (x.length != y.length) {
            return false;
        }
        int bits = Math.min(length(a, x), length(b, y));
        int shift = x.length * 8 - bits;
        return new BigInteger(1, x).shiftRight(shift).equals(new BigInteger(1, y).shiftRight(shift));
    }

    private static byte[] address(String cidr) {
        try {
            return InetAddress.getByName(cidr.split("/")[0]).getAddress(); // literals only, generated below
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
    }

    private static int length(String cidr, byte[] address) {
        return cidr.contains("/") ? Integer.parseInt(cidr.split("/")[1]) : address.length * 8;
    }

    // ---- generated input ----

    /**
     * One log row, read per kind: {@code inner} is the assigned (session) or inside (port
     * block) address, {@code outer} the public address (AP) or the source address (CP), the
     * ports the public port range (AP) or the source port in {@code portStart} (CP).
     */
    record Row(Instant at, String subscriber, String session, String account, String eventId, String inner,
            String outer, Integer portStart, Integer portEnd) {

        /** The row as {@code kind}'s table can hold it: a port block has no NULL address or ports. */
        Row storedAs(RecordKind kind) {
            if (kind != RecordKind.AP_PORT_BLOCK || (outer != null && portStart != null)) {
                return this;
            }
            return new Row(at, subscriber, session, account, eventId, inner, outer == null ? inner : outer,
                    portStart == null ? 1000 : portStart, portStart == null ? 1063 : portEnd);
        }
    }

    @Provide
    Arbitrary<RecordKind> kinds() {
        return Arbitraries.of(RecordKind.class);
    }

    @Provide
    Arbitrary<List<Row>> rows() {
        Arbitrary<Instant> at = Arbitraries.integers().between(0, 48 * 60 - 1).map(m -> BASE.plus(m, ChronoUnit.MINUTES));
        Arbitrary<String> ids = Arbitraries.of("a", "b", "c");
        Arbitrary<int[]> ports = portRange().injectNull(0.4);
        Arbitrary<Row> row = Combinators.combine(at, ids, ids, ids, ids, address(), address().injectNull(0.4), ports)
                .as((t, sub, ses, acc, ev, inner, outer, p) -> new Row(t, "sub-" + sub, "ses-" + ses, "acct-" + acc,
                        "post-" + ev, inner, outer, p == null ? null : p[0], p == null ? null : p[1]));
        return row.list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<PurgeOrder.Hold>> holds() {
        Arbitrary<PurgeOrder.Selector> plain = Combinators.combine(
                Arbitraries.of(SelectorKind.SUBSCRIBER, SelectorKind.SESSION, SelectorKind.ACCOUNT, SelectorKind.POST),
                Arbitraries.of("a", "b", "c")).as((k, v) -> new PurgeOrder.Selector(k, prefixFor(k) + v, null, null));
        Arbitrary<PurgeOrder.Selector> ip = Combinators.combine(address(), portRange().injectNull(0.5))
                .as((a, p) -> new PurgeOrder.Selector(SelectorKind.IP, a, p == null ? null : p[0], p == null ? null : p[1]));
        Arbitrary<PurgeOrder.Selector> selector = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, plain), net.jqwik.api.Tuple.of(2, ip));
        Arbitrary<int[]> window = Combinators.combine(Arbitraries.integers().between(-60, 48 * 60),
                Arbitraries.integers().between(1, 48 * 60)).as((from, len) -> new int[] {from, from + len});
        Arbitrary<PurgeOrder.Hold> hold = Combinators.combine(selector.list().ofMinSize(1).ofMaxSize(3), window)
                .as((sels, w) -> new PurgeOrder.Hold(UUID.randomUUID(), Set.of("any"), sels, utc(w[0]), utc(w[1]), null));
        return hold.list().ofMinSize(0).ofMaxSize(3);
    }

    private static String prefixFor(SelectorKind k) {
        return switch (k) {
            case SUBSCRIBER -> "sub-";
            case SESSION -> "ses-";
            case ACCOUNT -> "acct-";
            default -> "post-";
        };
    }

    /** Addresses and prefixes in a small space, so that matches, near misses and mixed families all occur. */
    private static Arbitrary<String> address() {
        Arbitrary<String> v4 = Combinators.combine(Arbitraries.integers().between(0, 15), Arbitraries.integers().between(28, 32))
                .as((host, len) -> "10.0.0." + host + "/" + len);
        Arbitrary<String> v6 = Combinators.combine(Arbitraries.integers().between(0, 15), Arbitraries.integers().between(124, 128))
                .as((host, len) -> "2001:db8::" + Integer.toHexString(host) + "/" + len);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, v4), net.jqwik.api.Tuple.of(1, v6));
    }

    private static Arbitrary<int[]> portRange() {
        return Combinators.combine(Arbitraries.integers().between(1000, 1100), Arbitraries.integers().between(0, 40))
                .as((start, len) -> new int[] {start, start + len});
    }

    private static OffsetDateTime utc(int minutes) {
        return BASE.plus(minutes, ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC);
    }

    // ---- SQL ----

    private static void insert(RecordKind kind, int id, Row r) throws SQLException {
        String sql = switch (kind) {
            case AP_SESSION -> "insert into ap_session (id, started_at, subscriber_id, session_id, assigned_ip, public_ip,"
                    + " public_port_start, public_port_end, subscriber_bidx) values (?, ?, ?, ?, ?::inet, ?::inet, ?, ?,"
                    + " decode(?, 'hex'))";
            case AP_PORT_BLOCK -> "insert into ap_port_block (id, allocated_at, inside_ip, public_ip, port_start, port_end)"
                    + " values (?, ?, ?::inet, ?::inet, ?, ?)";
            default -> "insert into " + kind.table() + " (id, occurred_at, account_id, event_id, ip, source_port,"
                    + " account_bidx) values (?, ?, ?, ?, ?::inet, ?, decode(?, 'hex'))";
        };
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setInt(1, id);
            ps.setObject(2, r.at().atOffset(ZoneOffset.UTC));
            switch (kind) {
                case AP_SESSION -> {
                    ps.setString(3, r.subscriber());
                    ps.setString(4, r.session());
                    ps.setString(5, r.inner());
                    ps.setString(6, r.outer());
                    ps.setObject(7, r.portStart());
                    ps.setObject(8, r.portEnd());
                    ps.setString(9, CODEC.blindIndex(IdentityCodec.IdentityField.SUBSCRIBER, kind.category(), r.at(),
                            r.subscriber()));
                }
                case AP_PORT_BLOCK -> {
                    ps.setString(3, r.inner());
                    ps.setString(4, r.outer());
                    ps.setInt(5, r.portStart());
                    ps.setInt(6, r.portEnd());
                }
                default -> {
                    ps.setString(3, r.account());
                    ps.setString(4, r.eventId());
                    ps.setString(5, r.outer());
                    ps.setObject(6, r.portStart());
                    ps.setString(7, CODEC.blindIndex(IdentityCodec.IdentityField.ACCOUNT, kind.category(), r.at(),
                            r.account()));
                }
            }
            ps.executeUpdate();
        }
    }

    private static Set<Integer> ids(RecordKind kind, SqlFragment where) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("select id from " + kind.table() + " where " + where.sql())) {
            where.bind(ps, 1);
            Set<Integer> out = new TreeSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
            return out;
        }
    }

    /**
     * Blind indexes under one fixed key for every day (the day keys are the key store's business,
     * tested with it): what the predicate compares is what a row of that value carries.
     */
    private static final class OneKeyCodec implements IdentityCodec {
        private static final javax.crypto.spec.SecretKeySpec KEY = new javax.crypto.spec.SecretKeySpec(
                "hold-predicate-properties-index!".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "HmacSHA256");

        @Override
        public String encrypt(IdentityField field, String category, Instant at, String recordId, String value) {
            return value;
        }

        @Override
        public String decrypt(IdentityField field, String recordId, String stored) {
            return stored;
        }

        @Override
        public String blindIndex(IdentityField field, String category, Instant at, String value) {
            try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(KEY);
                return java.util.HexFormat.of().formatHex(mac.doFinal((field + "\0" + value)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0, 16);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String encryptForHold(IdentityField field, java.util.UUID holdId, String category, String recordId,
                String value) {
            return value;
        }

        @Override
        public String blindIndexForHold(IdentityField field, java.util.UUID holdId, String category, String value) {
            return blindIndex(field, category, null, value);
        }

        @Override
        public List<String> blindIndexes(IdentityField field, String category, Instant from, Instant to, String value) {
            return from.isBefore(to) ? List.of(blindIndex(field, category, from, value)) : List.of();
        }
    }
}
