package hozon.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import hozon.devdb.EmbeddedPostgresTestResource;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The routing key (V15, issue #22) on a real PostgreSQL, with the functions exactly as the
 * migration creates them: (1) the keys a look-up computes in Java ({@link RouteKeys}) are the SQL
 * {@code route_keys} of the same address; (2) whatever prefix a session holds — an address, a
 * /56 delegation, a /40 wider than the key — every address inside it asks, among its keys, the key
 * the session was stored under, once the session's width is recorded as a wide one, and the Java
 * key of the session's prefix ({@link RouteKeys#of}, used to close RADIUS sessions) is SQL's. A miss here would be a session
 * a look-up on a sharded store does not find.
 */
class RouteKeysProperties {

    private static Connection db;

    @BeforeContainer
    static void connect() throws Exception {
        Map<String, String> props = new EmbeddedPostgresTestResource().start();
        db = DriverManager.getConnection(props.get("quarkus.datasource.jdbc.url"),
                props.get("quarkus.datasource.username"), props.get("quarkus.datasource.password"));
        String migration;
        try (var in = RouteKeysProperties.class.getResourceAsStream("/db/migration/V15__citus_routing.sql")) {
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Statement s = db.createStatement()) {
            s.execute("drop schema if exists route_keys_property cascade");
            s.execute("create schema route_keys_property");
            s.execute("set search_path = route_keys_property");
            Matcher m = Pattern.compile("(?s)create function .*?\\$\\$;").matcher(migration);
            int functions = 0;
            while (m.find()) {
                s.execute(m.group().replace("${flyway:defaultSchema}", "route_keys_property"));
                functions++;
            }
            assertThat(functions).isEqualTo(3);
        }
    }

    @AfterContainer
    static void disconnect() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    @Property(tries = 400)
    void javaKeysAreTheSqlKeys(@ForAll("addresses") String address, @ForAll("widths") RouteWidths widths)
            throws Exception {
        try (PreparedStatement ps = db.prepareStatement("select ?::inet[] = route_keys(?::inet, ?::int[], ?::int[]),"
                + " route_keys(?::inet, ?::int[], ?::int[])::text")) {
            String java = inetArray(RouteKeys.keys(address, widths));
            ps.setString(1, java);
            for (int i : new int[] {2, 5}) {
                ps.setString(i, address);
                ps.setString(i + 1, intArray(widths.v4()));
                ps.setString(i + 2, intArray(widths.v6()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("Java %s, SQL %s", java, rs.getString(2)).isTrue();
            }
        }
    }

    @Property(tries = 400)
    void everyAddressInsideASessionsPrefixAsksItsKey(@ForAll("prefixes") Prefix session) throws Exception {
        String address = session.inside();
        boolean wide = session.length() < (session.v4() ? RouteKeys.V4_LENGTH : RouteKeys.V6_LENGTH);
        RouteWidths widths = wide
                ? (session.v4() ? new RouteWidths(List.of(session.length()), List.of())
                        : new RouteWidths(List.of(), List.of(session.length())))
                : new RouteWidths(List.of(), List.of());
        try (PreparedStatement ps = db.prepareStatement("select route_key(?::inet) = any(?::inet[]),"
                + " ?::inet >>= ?::inet, route_key(?::inet)::text, route_key(?::inet) = ?::inet")) {
            ps.setString(1, session.cidr());
            ps.setString(2, inetArray(RouteKeys.keys(address, widths)));
            ps.setString(3, session.cidr());
            ps.setString(4, address);
            ps.setString(5, session.cidr());
            ps.setString(6, session.cidr());
            ps.setString(7, RouteKeys.of(session.cidr()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getBoolean(4)).as("Java key of %s: %s, SQL %s", session.cidr(), RouteKeys.of(session.cidr()),
                        rs.getString(3)).isTrue();
                assertThat(rs.getBoolean(2)).as("generator: %s inside %s", address, session.cidr()).isTrue();
                assertThat(rs.getBoolean(1)).as("%s stored under %s; %s asks %s", session.cidr(), rs.getString(3), address,
                        RouteKeys.keys(address, widths)).isTrue();
            }
        }
    }

    private static String inetArray(List<String> keys) {
        return "{" + String.join(",", keys) + "}";
    }

    private static String intArray(List<Integer> widths) {
        return widths.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }

    /** A session's prefix, any length, and an address inside it. */
    record Prefix(boolean v4, String cidr, int length, String inside) {
    }

    @Provide
    Arbitrary<String> addresses() {
        Arbitrary<String> v4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(o -> o.get(0) + "." + o.get(1) + "." + o.get(2) + "." + o.get(3));
        Arbitrary<String> v6 = Arbitraries.integers().between(0, 0xffff).list().ofSize(8)
                .map(g -> String.join(":", g.stream().map(Integer::toHexString).toList()));
        Arbitrary<String> mapped = v4.map(a -> "::ffff:" + a);
        return Arbitraries.oneOf(v4, v6, mapped, Arbitraries.of("0.0.0.0", "255.255.255.255", "::", "::1",
                "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
    }

    @Provide
    Arbitrary<RouteWidths> widths() {
        Arbitrary<Set<Integer>> v4 = Arbitraries.integers().between(0, 23).set().ofMaxSize(4);
        Arbitrary<Set<Integer>> v6 = Arbitraries.integers().between(0, 47).set().ofMaxSize(4);
        return Combinators.combine(v4, v6).as((a, b) -> new RouteWidths(new ArrayList<>(a), new ArrayList<>(b)));
    }

    @Provide
    Arbitrary<Prefix> prefixes() {
        Arbitrary<byte[]> v4 = Arbitraries.bytes().array(byte[].class).ofSize(4);
        Arbitrary<byte[]> v6 = Arbitraries.bytes().array(byte[].class).ofSize(16);
        return Combinators.combine(Arbitraries.oneOf(v4, v6), Arbitraries.integers().between(0, 128),
                Arbitraries.bytes().array(byte[].class).ofSize(16)).as((net, len, host) -> {
                    int bits = net.length * 8;
                    int length = Math.min(len, bits);
                    byte[] network = net.clone();
                    byte[] inside = net.clone();
                    for (int bit = length; bit < bits; bit++) {
                        int mask = 0x80 >>> (bit % 8);
                        network[bit / 8] &= (byte) ~mask;
                        inside[bit / 8] = (byte) ((inside[bit / 8] & ~mask) | (host[bit / 8] & mask));
                    }
                    return new Prefix(bits == 32, text(network) + "/" + length, length, text(inside));
                });
    }

    private static String text(byte[] address) {
        try {
            return address.length == 4 ? InetAddress.getByAddress(address).getHostAddress()
                    : java.net.Inet6Address.getByAddress(null, address, -1).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
