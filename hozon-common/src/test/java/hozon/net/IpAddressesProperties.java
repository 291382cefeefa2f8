package hozon.net;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class IpAddressesProperties {

    @Property
    void everyDottedQuadOfOctetsIsAnIpv4Address(@ForAll @IntRange(max = 255) int a, @ForAll @IntRange(max = 255) int b,
            @ForAll @IntRange(max = 255) int c, @ForAll @IntRange(max = 255) int d) {
        String ip = a + "." + b + "." + c + "." + d;
        assertThat(IpAddresses.isIpv4(ip)).isTrue();
        assertThat(IpAddresses.addressOrPrefixError(ip)).isNull();
    }

    @Property
    void anOctetAbove255IsRefused(@ForAll @IntRange(min = 256, max = 100_000) int big) {
        assertThat(IpAddresses.addressOrPrefixError("10.0." + big + ".1")).isNotNull();
    }

    @Property
    void aPrefixIsAcceptedExactlyWhenNoHostBitIsSet(@ForAll @IntRange(max = 32) int len, @ForAll int bits) {
        long mask = len == 0 ? 0 : (0xFFFFFFFFL << (32 - len)) & 0xFFFFFFFFL;
        long value = bits & 0xFFFFFFFFL;
        String text = ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "."
                + (value & 255) + "/" + len;
        boolean hostBitsClear = (value & ~mask & 0xFFFFFFFFL) == 0;
        assertThat(IpAddresses.addressOrPrefixError(text) == null).isEqualTo(hostBitsClear);
    }

    @Example
    void namesAndOtherNonLiteralsAreNeverResolved() {
        for (String bad : new String[] {"localhost", "example.jp", "1.2.3", "01.2.3.4", "fe80::1%eth0", "::ffff:1.2.3.4.5",
                "2001:db8::/129", "2001:db8::1/64", ""}) {
            assertThat(IpAddresses.addressOrPrefixError(bad)).as(bad).isNotNull();
        }
        assertThat(IpAddresses.addressOrPrefixError("2001:db8::/32")).isNull();
        assertThat(IpAddresses.addressOrPrefixError("::ffff:192.0.2.1")).isNull();
    }
}
