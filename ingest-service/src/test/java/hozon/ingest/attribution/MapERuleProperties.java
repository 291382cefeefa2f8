package hozon.ingest.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** MAP-E (RFC 7597) both ways, for random valid rules and customers. */
class MapERuleProperties {

    /** A random valid rule in documentation space (2001:db8::/32, 192.0.2.0/24, 198.18.0.0/15). */
    @Provide
    Arbitrary<MapERule> rules() {
        return Combinators.combine(Arbitraries.integers().between(15, 24), Arbitraries.integers().between(0, 8),
                Arbitraries.integers().between(0, 8), Arbitraries.integers().between(32, 39)).as((r, a, k, n) -> {
                    int psidLength = Math.min(k, 16 - a);
                    int o = 32 - r + psidLength;
                    return new MapERule("2001:db8::", Math.min(n, 64 - o), "198.18.0.0", r, o, a, psidLength);
                });
    }

    @Property(tries = 300)
    void aCustomersPrefixGivesBackItsAddressAndPortSetAndEveryPortOfItLeadsBack(@ForAll("rules") MapERule rule,
            @ForAll @IntRange(min = 0, max = 131071) int suffixSeed, @ForAll @IntRange(min = 0, max = 65535) int psidSeed) {
        long suffix = suffixSeed & ((1L << (32 - rule.r())) - 1);
        int psid = psidSeed & ((1 << rule.psidLength()) - 1);
        String v4 = MapERule.text4((MapERule.ipv4(rule.ipv4Prefix()).longValue()) | suffix);
        String prefix = rule.endUserPrefix(v4, psid);
        assertThat(prefix).endsWith("/" + rule.endUserPrefixLength());
        MapERule.Share share = rule.shareOf(prefix);
        assertThat(share).isEqualTo(new MapERule.Share(v4, psid));
        List<int[]> ranges = rule.portRanges(psid);
        int owned = 0;
        for (int[] range : ranges) {
            for (int port = range[0]; port <= range[1]; port++) {
                assertThat(rule.excluded(port)).isFalse();
                assertThat(rule.psidOf(port)).isEqualTo(psid);
                assertThat(rule.endUserPrefix(v4, rule.psidOf(port))).isEqualTo(prefix);
                owned++;
            }
        }
        assertThat(owned).isEqualTo(rule.portsPerCe());
    }

    @Property(tries = 300)
    void aPortOutsideTheSetNeverLeadsToThatPrefix(@ForAll("rules") MapERule rule,
            @ForAll @IntRange(min = 0, max = 65535) int psidSeed, @ForAll @IntRange(min = 0, max = 65535) int port) {
        int psid = psidSeed & ((1 << rule.psidLength()) - 1);
        boolean inSet = rule.portRanges(psid).stream().anyMatch(r -> port >= r[0] && port <= r[1]);
        assertThat(rule.owns(psid, port)).isEqualTo(inSet);
        if (!inSet && !rule.excluded(port)) {
            assertThat(rule.psidOf(port)).isNotEqualTo(psid);
        }
    }

    @Example
    void rfc7597AppendixAExample1() {
        // Rule IPv6 prefix 2001:db8::/40, Rule IPv4 prefix 192.0.2.0/24, EA-bits 16, PSID offset 6.
        MapERule rule = new MapERule("2001:db8::", 40, "192.0.2.0", 24, 16, 6, 8);
        assertThat(rule.shareOf("2001:db8:12:3400::/56")).isEqualTo(new MapERule.Share("192.0.2.18", 0x34));
        assertThat(rule.endUserPrefix("192.0.2.18", 0x34)).isEqualTo("2001:db8:12:3400::/56");
        assertThat(rule.portRanges(0x34).get(0)).containsExactly(1232, 1235);
        assertThat(rule.portRanges(0x34).get(62)).containsExactly(64720, 64723);
        assertThat(rule.portsPerCe()).isEqualTo(252);
        assertThat(rule.excluded(1023)).isTrue();
    }

    @Example
    void publiclyReportedShapesInDocumentationSpace() {
        // v6plus-like: /31 ↔ /15, o = 25, a = 4, k = 8 → 240 ports per customer, /56 end-user prefixes.
        MapERule v6plus = new MapERule("2001:db8::", 31, "198.18.0.0", 15, 25, 4, 8);
        assertThat(v6plus.portsPerCe()).isEqualTo(240);
        assertThat(v6plus.endUserPrefixLength()).isEqualTo(56);
        // OCN-like: /38 ↔ /20, o = 18, a = 6, k = 6 → 1008 ports.
        MapERule ocn = new MapERule("2001:db8:400::", 38, "192.0.0.0", 20, 18, 6, 6);
        assertThat(ocn.portsPerCe()).isEqualTo(1008);
        assertThat(MapERule.violation("2001:db8::", 31, "198.18.0.0", 15, 25, 10, 8))
                .contains("a + PSID length k must not exceed 16");
        assertThat(MapERule.violation("2001:db8::", 40, "198.18.0.0", 15, 25, 4, 8)).contains("must not be longer than /64");
    }

    /**
     * RFC 7597 Appendix A Example 4's shape: PSID length k = 0, each CE gets a whole IPv4
     * address. No port set, no excluded range (the PSID offset a = 6 means nothing here): every
     * port 0–65535 belongs to that CE.
     */
    @Example
    void withPsidLengthZeroEveryPortBelongsToTheAddresssCe() {
        MapERule rule = new MapERule("2001:db8::", 40, "192.0.2.0", 24, 8, 6, 0);
        assertThat(rule.shared()).isFalse();
        assertThat(rule.portsPerCe()).isEqualTo(65536);
        for (int port : new int[] {0, 1, 1023, 1024, 65535}) {
            assertThat(rule.excluded(port)).as("port " + port).isFalse();
            assertThat(rule.psidOf(port)).isZero();
            assertThat(rule.owns(0, port)).isTrue();
        }
        assertThat(rule.portRanges(0)).singleElement().satisfies(r -> assertThat(r).containsExactly(0, 65535));
        assertThat(rule.endUserPrefix("192.0.2.18", 0)).isEqualTo("2001:db8:12::/48");
        assertThat(rule.shareOf("2001:db8:12::/48")).isEqualTo(new MapERule.Share("192.0.2.18", 0));
    }
}
