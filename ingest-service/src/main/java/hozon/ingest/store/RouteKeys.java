package hozon.ingest.store;

import hozon.net.IpAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The routing keys of AP sessions (V15, issue #22), computed here for a look-up so that a
 * sharded store sees constants it can route by. Same rule as the SQL functions {@code route_key}
 * and {@code route_keys} (RouteKeysProperties holds them equal): a session is stored under its
 * address or prefix cut to /24 (IPv4) or /48 (IPv6), or under its own network when it is wider;
 * the sessions containing an address are under the address's key or its network at one of the
 * wider lengths in use.
 */
public final class RouteKeys {

    /** Routing prefix length of IPv4 sessions. */
    public static final int V4_LENGTH = 24;
    /** Routing prefix length of IPv6 sessions (RFC 6177's site prefix). */
    public static final int V6_LENGTH = 48;

    private RouteKeys() {
    }

    /**
     * The keys to ask for the sessions containing {@code address} (an address without prefix
     * length, as PostgreSQL reads it: text with a colon is IPv6, IPv4-mapped included), in the
     * order of {@code route_keys}: the address's own key, then its network at each wider width.
     */
    public static List<String> keys(String address, RouteWidths widths) {
        byte[] bytes = bytes(address);
        int family = bytes.length == 4 ? 4 : 6;
        int length = family == 4 ? V4_LENGTH : V6_LENGTH;
        List<String> keys = new ArrayList<>();
        keys.add(network(bytes, length));
        widths.of(family).stream().filter(w -> w >= 0 && w < length).sorted()
                .forEach(w -> keys.add(network(bytes, w)));
        return keys;
    }

    /**
     * The key a session with this address or prefix ({@code a.b.c.d}, {@code a.b.c.d/29},
     * {@code x::/56}) is stored under: SQL {@code route_key}.
     */
    public static String of(String addressOrPrefix) {
        int slash = addressOrPrefix.indexOf('/');
        byte[] bytes = bytes(slash < 0 ? addressOrPrefix : addressOrPrefix.substring(0, slash));
        int length = slash < 0 ? bytes.length * 8 : Integer.parseInt(addressOrPrefix.substring(slash + 1));
        return network(bytes, Math.min(length, bytes.length == 4 ? V4_LENGTH : V6_LENGTH));
    }

    private static byte[] bytes(String address) {
        byte[] b = IpAddresses.parseAddress(address); // literals only, IPv4-mapped kept 128 bits as PostgreSQL does
        if (b == null) {
            throw new IllegalArgumentException("not an IP address");
        }
        return b;
    }

    private static String network(byte[] address, int length) {
        byte[] n = address.clone();
        for (int bit = length; bit < n.length * 8; bit++) {
            n[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            String host = n.length == 4 ? InetAddress.getByAddress(n).getHostAddress()
                    : Inet6Address.getByAddress(null, n, -1).getHostAddress();
            return host + "/" + length;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
