package hozon.ingest.attribution;

import hozon.net.IpAddresses;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * One MAP-E Basic Mapping Rule (RFC 7597 §5): Rule IPv6 prefix (length n), Rule IPv4 prefix
 * (length r), EA-bits length o, PSID offset a, PSID length k = o − (32 − r). A CE's end-user
 * IPv6 prefix is the Rule IPv6 prefix followed by its o EA bits; the EA bits are the IPv4 suffix
 * (32 − r bits) followed by the PSID (k bits). Its ports are {@code A·2^(16−a) + PSID·2^m + M}
 * with m = 16 − a − k, A = 1 … 2^a − 1 (A = 0, the well-known ports, belongs to no CE when a > 0)
 * and M = 0 … 2^m − 1 (§5.1).
 */
public record MapERule(String ipv6Prefix, int n, String ipv4Prefix, int r, int eaBits, int psidOffset, int psidLength) {

    /** @return the violated constraint, in words, or null when the rule is valid */
    public static String violation(String ipv6Prefix, int n, String ipv4Prefix, int r, int o, int a, int k) {
        if (n < 0 || n > 128 || r < 0 || r > 32 || o < 0 || o > 48 || a < 0 || a > 16 || k < 0 || k > 16) {
            return "lengths out of range: 0 ≤ n ≤ 128, 0 ≤ r ≤ 32, 0 ≤ o ≤ 48, 0 ≤ a ≤ 16, 0 ≤ k ≤ 16";
        }
        if (a + k > 16) {
            return "PSID offset a + PSID length k must not exceed 16 (RFC 7597 §5.1): a = " + a + ", k = " + k;
        }
        if (o != (32 - r) + k) {
            return "EA-bits length o must equal the IPv4 suffix length 32 − r plus the PSID length k (RFC 7597 §5.2):"
                    + " o = " + o + ", 32 − r = " + (32 - r) + ", k = " + k;
        }
        if (n + o > 64) {
            return "the end-user IPv6 prefix n + o = " + (n + o) + " must not be longer than /64 (RFC 7597 §5.2)";
        }
        if (!bitsZeroAfter(ipv6(ipv6Prefix), 128, n)) {
            return "Rule IPv6 prefix " + ipv6Prefix + " has bits set beyond /" + n;
        }
        if (!bitsZeroAfter(ipv4(ipv4Prefix), 32, r)) {
            return "Rule IPv4 prefix " + ipv4Prefix + " has bits set beyond /" + r;
        }
        return null;
    }

    public MapERule {
        String v = violation(ipv6Prefix, n, ipv4Prefix, r, eaBits, psidOffset, psidLength);
        if (v != null) {
            throw new IllegalArgumentException(v);
        }
    }

    private int suffixBits() {
        return 32 - r;
    }

    private int m() {
        return 16 - psidOffset - psidLength;
    }

    /** The CE's end-user prefix length n + o. */
    public int endUserPrefixLength() {
        return n + eaBits;
    }

    public boolean covers(String ipv4Address) {
        BigInteger a = ipv4(ipv4Address);
        return a.shiftRight(suffixBits()).equals(ipv4(ipv4Prefix).shiftRight(suffixBits()));
    }

    /**
     * Whether the address is shared at all. With a PSID length k = 0 each CE has a whole IPv4
     * address (RFC 7597 §5.2, Appendix A Example 4): there is no port set, the PSID offset has
     * no meaning and every port 0–65535 belongs to that CE.
     */
    public boolean shared() {
        return psidLength > 0;
    }

    /** Ports each CE gets: (2^a − 1)·2^m when the address is shared and a > 0, 2^m when a = 0, 65536 when not shared. */
    public int portsPerCe() {
        if (!shared()) {
            return 65536;
        }
        int aValues = psidOffset == 0 ? 1 : (1 << psidOffset) - 1;
        return aValues << m();
    }

    /**
     * Whether the port lies in the range no CE owns (A = 0 with a > 0, i.e. 0 … 2^(16−a) − 1,
     * RFC 7597 §5.1). Only a shared address has such a range.
     */
    public boolean excluded(int port) {
        return shared() && psidOffset > 0 && (port >>> (16 - psidOffset)) == 0;
    }

    /** The PSID that owns a port (the port must not be excluded); 0 when the address is not shared. */
    public int psidOf(int port) {
        return shared() ? (port >>> m()) & ((1 << psidLength) - 1) : 0;
    }

    /** EA bits of (IPv4 address, PSID): the IPv4 suffix, then the PSID. */
    public long eaBitsOf(String ipv4Address, int psid) {
        long suffix = ipv4(ipv4Address).longValue() & ((1L << suffixBits()) - 1);
        return (suffix << psidLength) | psid;
    }

    /** The end-user IPv6 prefix (text, e.g. {@code 2001:db8:12:3400::/56}) for (IPv4 address, PSID). */
    public String endUserPrefix(String ipv4Address, int psid) {
        BigInteger p = ipv6(ipv6Prefix).or(BigInteger.valueOf(eaBitsOf(ipv4Address, psid)).shiftLeft(128 - n - eaBits));
        return text6(p) + "/" + endUserPrefixLength();
    }

    /** The other direction: from a CE's end-user prefix (or any address inside it), its IPv4 address and PSID. */
    public Share shareOf(String ipv6AddressOrPrefix) {
        String addr = ipv6AddressOrPrefix.contains("/") ? ipv6AddressOrPrefix.substring(0, ipv6AddressOrPrefix.indexOf('/'))
                : ipv6AddressOrPrefix;
        BigInteger x = ipv6(addr);
        if (!x.shiftRight(128 - n).equals(ipv6(ipv6Prefix).shiftRight(128 - n))) {
            return null;
        }
        long ea = x.shiftRight(128 - n - eaBits).longValue() & ((1L << eaBits) - 1);
        int psid = (int) (ea & ((1L << psidLength) - 1));
        long suffix = ea >>> psidLength;
        long v4 = (ipv4(ipv4Prefix).longValue() & ~((1L << suffixBits()) - 1)) | suffix;
        return new Share(text4(v4), psid);
    }

    /** A CE's share of an IPv4 address: the address and its PSID. */
    public record Share(String ipv4, int psid) {
    }

    /** The CE's ports as ranges [first, last] (one per A value; all ports when the address is not shared). */
    public List<int[]> portRanges(int psid) {
        List<int[]> out = new ArrayList<>();
        if (!shared()) {
            out.add(new int[] {0, 65535});
            return out;
        }
        int aFrom = psidOffset == 0 ? 0 : 1;
        for (int aValue = aFrom; aValue < (1 << psidOffset); aValue++) {
            int first = (aValue << (16 - psidOffset)) | (psid << m());
            out.add(new int[] {first, first + (1 << m()) - 1});
        }
        return out;
    }

    public boolean owns(int psid, int port) {
        return !excluded(port) && psidOf(port) == psid;
    }

    /** A strict IPv6 literal (never a name to resolve), via the project's {@link IpAddresses}. */
    static BigInteger ipv6(String text) {
        byte[] b = IpAddresses.parseAddress(strip(text));
        if (b == null || b.length != 16) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv6 address");
        }
        return new BigInteger(1, b);
    }

    static BigInteger ipv4(String text) {
        String s = strip(text);
        if (!IpAddresses.isIpv4(s)) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
        }
        return new BigInteger(1, IpAddresses.parseAddress(s));
    }

    private static String strip(String t) {
        int slash = t.indexOf('/');
        return slash < 0 ? t : t.substring(0, slash);
    }

    private static boolean bitsZeroAfter(BigInteger v, int width, int len) {
        return v.and(BigInteger.ONE.shiftLeft(width - len).subtract(BigInteger.ONE)).signum() == 0;
    }

    static String text4(long v) {
        return ((v >>> 24) & 255) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
    }

    static String text6(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] b = new byte[16];
        int copy = Math.min(16, raw.length);
        System.arraycopy(raw, raw.length - copy, b, 16 - copy, copy);
        try {
            return compress(InetAddress.getByAddress(b).getHostAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 5952 text (Java writes every group, uncompressed). */
    private static String compress(String full) {
        String[] g = full.split(":");
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8;) {
            if (Integer.parseInt(g[i], 16) == 0) {
                int j = i;
                while (j < 8 && Integer.parseInt(g[j], 16) == 0) {
                    j++;
                }
                if (j - i > bestLen && j - i > 1) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            sb.append(Integer.toHexString(Integer.parseInt(g[i], 16)));
            if (i < 7) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}
