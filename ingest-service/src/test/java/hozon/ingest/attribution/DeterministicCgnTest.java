package hozon.ingest.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 7422 §2.3, exactly: the RFC's own example, and configurations that would need rounding are refused. */
class DeterministicCgnTest {

    /** Inside 198.51.100.0/28 (hosts .1–.14), outside 192.0.2.1, C = 14, D = 2, ports 0–1023 reserved. */
    private static DeterministicCgn rfcExample() {
        DeterministicCgn.Ports ports = DeterministicCgn.portsPerHost(14, 1024, 2, null, null);
        assertThat(ports.refusal()).isNull();
        return new DeterministicCgn("198.51.100.1", "198.51.100.14", "192.0.2.1", "192.0.2.1", 14, 1024, ports.perHost());
    }

    @Test
    void theRfcsExampleGives4032PortsPerHostAnd5056ToTheSecondHost() {
        DeterministicCgn cgn = rfcExample();
        assertThat(cgn.portsPerHost()).isEqualTo(4032);
        assertThat(cgn.slotOf("192.0.2.1", 5056)).isEqualTo(new DeterministicCgn.Host("198.51.100.2", 1, 5056, 9087));
        assertThat(cgn.slotOf("192.0.2.1", 5055)).isEqualTo(new DeterministicCgn.Host("198.51.100.1", 0, 1024, 5055));
        assertThat(cgn.slotOf("192.0.2.1", 57471)).isEqualTo(new DeterministicCgn.Host("198.51.100.14", 13, 53440, 57471));
        assertThat(cgn.dynamicPoolFrom()).isEqualTo(57472);
        assertThat(cgn.slotOf("192.0.2.1", 57472)).isInstanceOf(DeterministicCgn.DynamicPool.class);
        assertThat(cgn.slotOf("192.0.2.1", 65535)).isInstanceOf(DeterministicCgn.DynamicPool.class);
        assertThat(cgn.slotOf("192.0.2.1", 1023)).isInstanceOf(DeterministicCgn.Reserved.class);
        assertThat(cgn.hostsOf("192.0.2.1")).hasSize(14);
    }

    @Test
    void theSameConfigurationStatedAsPortsPerHostOrAsAWholePercentageAgrees() {
        assertThat(DeterministicCgn.portsPerHost(14, 1024, null, null, 4032).perHost()).isEqualTo(4032);
        // 64 hosts per address, nothing dynamic: 64512 / 64 = 1008 ports each.
        assertThat(DeterministicCgn.portsPerHost(64, 1024, null, 0, null).perHost()).isEqualTo(1008);
        assertThat(DeterministicCgn.portsPerHost(14, 1024, null, 12, null).refusal())
                .contains("no whole number of ports per host").contains("never rounded");
    }

    @Test
    void aConfigurationThatWouldNeedRoundingIsRefusedWithItsArithmetic() {
        assertThat(DeterministicCgn.portsPerHost(10, 1024, null, null, null).refusal())
                .isEqualTo("65536 − 1024 = 64512 ports do not divide into C + D = 10 equal slots (remainder 2); state"
                        + " portsPerHost as the device does (never rounded)");
        assertThat(DeterministicCgn.portsPerHost(14, 1024, 2, null, 4032).refusal()).contains("give one of");
        assertThat(DeterministicCgn.portsPerHost(16, 1024, null, null, 4033).refusal()).contains("compression × portsPerHost");
        assertThat(DeterministicCgn.violation("198.51.100.0", "198.51.100.15", "192.0.2.1", "192.0.2.1", 14, 1024, 4032))
                .contains("exceeds outside addresses × compression");
    }
}
