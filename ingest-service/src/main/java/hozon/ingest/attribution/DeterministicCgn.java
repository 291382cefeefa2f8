package hozon.ingest.attribution;

/**
 * A deterministic CGN configuration (RFC 7422 §2), algorithm SEQUENTIAL: inside hosts, in
 * address order, are spread over the outside addresses C at a time; inside host h gets outside
 * address {@code outsideFirst + h / C} and, above the reserved ports, port slot {@code h mod C}
 * of {@code portsPerHost} ports. The ports above the C slots form the dynamic pool, whose
 * allocations are logged as port blocks.
 *
 * <p>Exact by construction: every parameter is a whole number, and a configuration whose ports
 * do not divide into whole slots is refused with the arithmetic, never rounded. RFC 7422 §2.3's
 * example — inside 198.51.100.1–14 (the hosts of 198.51.100.0/28), outside 192.0.2.1, C = 14,
 * D = 2 dynamic slots, ports 0–1023 reserved — gives (65536 − 1024) / 16 = 4032 ports per host:
 * 192.0.2.1:5056 is slot 1, host 198.51.100.2; 57472 = 1024 + 14 × 4032 starts the dynamic pool.
 */
public record DeterministicCgn(String insideFirst, String insideLast, String outsideFirst, String outsideLast,
        int compression, int reservedPorts, int portsPerHost) {

    public static final String ALGORITHM = "SEQUENTIAL";

    /** The ports per host a configuration states, or why it states none exactly. */
    public record Ports(Integer perHost, String refusal) {
    }

    /**
     * Ports per inside host from exactly one of: {@code portsPerHost} as the device sets it;
     * {@code dynamicSlots} (RFC 7422's D: the ports above the reserved ones are cut into C + D
     * equal slots, the last D forming the dynamic pool); {@code dynamicPercent} (the share of
     * those ports kept for the pool). None given means D = 0.
     */
    public static Ports portsPerHost(int compression, int reservedPorts, Integer dynamicSlots, Integer dynamicPercent,
            Integer portsPerHost) {
        int given = (dynamicSlots == null ? 0 : 1) + (dynamicPercent == null ? 0 : 1) + (portsPerHost == null ? 0 : 1);
        if (given > 1) {
            return new Ports(null, "give one of portsPerHost, dynamicSlots (RFC 7422's D) or dynamicPercent, not several");
        }
        if (compression < 1 || reservedPorts < 0 || reservedPorts > 65535) {
            return new Ports(null, "compression ≥ 1 and 0 ≤ reserved ports ≤ 65535");
        }
        long available = 65536L - reservedPorts;
        if (portsPerHost != null) {
            return portsPerHost < 1 || (long) compression * portsPerHost > available
                    ? new Ports(null, "portsPerHost must be ≥ 1 and compression × portsPerHost ≤ 65536 − reserved ports ("
                            + available + ")")
                    : new Ports(portsPerHost, null);
        }
        if (dynamicPercent != null) {
            if (dynamicPercent < 0 || dynamicPercent > 90) {
                return new Ports(null, "0 ≤ dynamicPercent ≤ 90");
            }
            long deterministic = available * (100 - dynamicPercent);
            if (deterministic % (100L * compression) != 0) {
                return new Ports(null, "(65536 − " + reservedPorts + ") × " + (100 - dynamicPercent) + " % / " + compression
                        + " = " + java.math.BigDecimal.valueOf(deterministic).divide(java.math.BigDecimal.valueOf(100L * compression),
                                4, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString()
                        + " is no whole number of ports per host; state dynamicSlots or portsPerHost as the device does"
                        + " (never rounded)");
            }
            return new Ports((int) (deterministic / (100L * compression)), null);
        }
        int d = dynamicSlots == null ? 0 : dynamicSlots;
        if (d < 0) {
            return new Ports(null, "dynamicSlots must be ≥ 0");
        }
        if (available % (compression + d) != 0) {
            return new Ports(null, "65536 − " + reservedPorts + " = " + available + " ports do not divide into C + D = "
                    + (compression + d) + " equal slots (remainder " + available % (compression + d) + "); state"
                    + " portsPerHost as the device does (never rounded)");
        }
        return new Ports((int) (available / (compression + d)), null);
    }

    /** @return the violated constraint, or null */
    public static String violation(String insideFirst, String insideLast, String outsideFirst, String outsideLast,
            int compression, int reservedPorts, int portsPerHost) {
        long in0;
        long in1;
        long out0;
        long out1;
        try {
            in0 = MapERule.ipv4(insideFirst).longValue();
            in1 = MapERule.ipv4(insideLast).longValue();
            out0 = MapERule.ipv4(outsideFirst).longValue();
            out1 = MapERule.ipv4(outsideLast).longValue();
        } catch (IllegalArgumentException e) {
            return e.getMessage() + " (deterministic CGN ranges are IPv4)";
        }
        if (in1 < in0 || out1 < out0) {
            return "each range's last address must not be below its first";
        }
        Ports ports = portsPerHost(compression, reservedPorts, null, null, portsPerHost);
        if (ports.refusal() != null) {
            return ports.refusal();
        }
        if ((in1 - in0 + 1) > (out1 - out0 + 1) * compression) {
            return "the inside range (" + (in1 - in0 + 1) + " hosts) exceeds outside addresses × compression ("
                    + (out1 - out0 + 1) * compression + ") (RFC 7422 §2)";
        }
        return null;
    }

    public DeterministicCgn {
        String v = violation(insideFirst, insideLast, outsideFirst, outsideLast, compression, reservedPorts, portsPerHost);
        if (v != null) {
            throw new IllegalArgumentException(v);
        }
    }

    /** The first port of the dynamic pool (65536 when there is none). */
    public int dynamicPoolFrom() {
        return reservedPorts + compression * portsPerHost;
    }

    public boolean coversOutside(String ipv4) {
        long v = MapERule.ipv4(ipv4).longValue();
        return v >= MapERule.ipv4(outsideFirst).longValue() && v <= MapERule.ipv4(outsideLast).longValue();
    }

    /** What a port on an outside address means under this configuration. */
    public sealed interface Slot permits Host, Reserved, DynamicPool, Unused {
    }

    /** The inside host that deterministically owns the port, with its port range. */
    public record Host(String inside, int slot, int firstPort, int lastPort) implements Slot {
    }

    public record Reserved() implements Slot {
    }

    /** Above the deterministic slots: allocated dynamically and logged as a port block. */
    public record DynamicPool() implements Slot {
    }

    /** A slot beyond the inside range's last host. */
    public record Unused() implements Slot {
    }

    public Slot slotOf(String outside, int port) {
        if (port < reservedPorts) {
            return new Reserved();
        }
        int p = portsPerHost;
        int slot = (port - reservedPorts) / p;
        if (slot >= compression) {
            return new DynamicPool();
        }
        long outsideIndex = MapERule.ipv4(outside).longValue() - MapERule.ipv4(outsideFirst).longValue();
        long host = MapERule.ipv4(insideFirst).longValue() + outsideIndex * compression + slot;
        if (host > MapERule.ipv4(insideLast).longValue()) {
            return new Unused();
        }
        int first = reservedPorts + slot * p;
        return new Host(MapERule.text4(host), slot, first, first + p - 1);
    }

    /** Every inside host sharing an outside address (a look-up without a port). */
    public java.util.List<Host> hostsOf(String outside) {
        java.util.List<Host> out = new java.util.ArrayList<>();
        for (int s = 0; s < compression; s++) {
            if (slotOf(outside, reservedPorts + s * portsPerHost) instanceof Host h) {
                out.add(h);
            }
        }
        return out;
    }
}
