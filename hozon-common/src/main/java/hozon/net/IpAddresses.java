package hozon.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Strict parsing of IP addresses and prefixes as the feeds send them. Never resolves names:
 * only literals are accepted, so a hostname can neither slip into the store nor trigger a
 * DNS look-up.
 */
public final class IpAddresses {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpAddresses() {
    }

    /** An IPv4 or IPv6 address; null if it is not one. */
    public static byte[] parseAddress(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return null;
        }
        if (IPV4.matcher(text).matches()) {
            return literal(text);
        }
        if (text.indexOf(':') >= 0 && IPV6_CHARS.matcher(text).matches()) {
            byte[] b = literal(text);
            if (b != null && b.length == 4) {
                // Java folds IPv4-mapped IPv6 (::ffff:a.b.c.d) into IPv4; keep it 128 bits, as PostgreSQL does.
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(b, 0, mapped, 12, 4);
                return mapped;
            }
            return b;
        }
        return null;
    }

    public static boolean isIpv4(String text) {
        return text != null && IPV4.matcher(text).matches();
    }

    /**
     * Why {@code text} is not an address or a prefix ({@code address/length} with no host
     * bits set), or null when it is one.
     */
    public static String addressOrPrefixError(String text) {
        if (text == null || text.isBlank()) {
            return "is required";
        }
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = parseAddress(addr);
        if (bytes == null) {
            return "'" + text + "' is not an IPv4 or IPv6 address";
        }
        if (slash < 0) {
            return null;
        }
        int max = bytes.length * 8;
        int len;
        try {
            len = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            return "'" + text + "' has no valid prefix length";
        }
        if (len < 0 || len > max) {
            return "prefix length must be 0.." + max;
        }
        for (int bit = len; bit < max; bit++) {
            if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                return "'" + text + "' has host bits set beyond /" + len;
            }
        }
        return null;
    }

    private static byte[] literal(String text) {
        try {
            InetAddress a = InetAddress.getByName(text); // a literal: no name resolution happens
            if (a instanceof Inet6Address six && six.getScopeId() != 0) {
                return null;
            }
            return a.getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
