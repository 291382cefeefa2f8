package hozon.ingest.attribution;

/**
 * A deterministic CGN configuration (RFC 7422 §2), algorithm SEQUENTIAL: inside hosts, in
 * address order, are spread over the outside addresses C at a time; inside host h gets outside
 * address {@code outsideFirst + h / C} and, above the reserved ports, port slot {@code h mod C}
 * of {@code portsPerHost} ports. The ports above C slots form the dynamic pool, whose
 * allocations are logged as port blocks.
 */
public record DeterministicCgn(String insideFirst, String insideLast, String outsideFirst, String outsideLast,
        int compression, int reservedPorts, int dynamicPercent) {

    public static final String ALGORITHM = "SEQUENTIAL";

    /** @return the violated constraint, or null */
    public static String violation(String insideFirst, String insideLast, String outsideFirst, String outsideLast,
            int compression, int reservedPorts, int dynamicPercent) {
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
        if (compression < 1 || reservedPorts < 0 || reservedPorts > 65535 || dynamicPercent < 0 || dynamicPercent > 90) {
            return "compression ≥ 1, 0 ≤ reserved ports ≤ 65535, 0 ≤ dynamic pool percent ≤ 90";
        }
        if ((in1 - in0 + 1) > (out1 - out0 + 1) * compression) {
            return "the inside range (" + (in1 - in0 + 1) + " hosts) exceeds outside addresses × compression ("
                    + (out1 - out0 + 1) * compression + ") (RFC 7422 §2)";
        }
        if (portsPerHost(compression, reservedPorts, dynamicPercent) < 1) {
            return "no port is left per inside host with this compression, reserved ports and dynamic pool";
        }
        return null;
    }

    public DeterministicCgn {
        String v = violation(insideFirst, insideLast, outsideFirst, outsideLast, compression, reservedPorts, dynamicPercent);
        if (v != null) {
            throw new IllegalArgumentException(v);
        }
    }

    static int portsPerHost(int c, int reserved, int dynamicPercent) {
        return (int) ((65536L - reserved) * (100 - dynamicPercent) / 100 / c);
    }

    public int portsPerHost() {
        return portsPerHost(compression, reservedPorts, dynamicPercent);
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
        int p = portsPerHost();
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
            if (slotOf(outside, reservedPorts + s * portsPerHost()) instanceof Host h) {
                out.add(h);
            }
        }
        return out;
    }
}
