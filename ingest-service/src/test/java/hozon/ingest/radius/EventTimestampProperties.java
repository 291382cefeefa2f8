package hozon.ingest.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** Event-Timestamp as FreeRADIUS writes it, for any second from 2000 to 2100. */
class EventTimestampProperties {

    @Property
    void freeRadiusTextInUtcOrJstAndEpochSecondsReadBackTheSameInstant(
            @ForAll @LongRange(min = 946_684_800L, max = 4_102_444_800L) long epoch, @ForAll boolean jst) {
        Instant t = Instant.ofEpochSecond(epoch);
        String text = jst ? EventTimestamp.format(t, ZoneOffset.ofHours(9), "JST")
                : EventTimestamp.format(t, ZoneOffset.UTC, "UTC");
        assertThat(EventTimestamp.parse(text)).isEqualTo(t);
        assertThat(EventTimestamp.parse(Long.toString(epoch))).isEqualTo(t);
        assertThat(EventTimestamp.parse(t.atOffset(ZoneOffset.ofHours(9)).toString())).isEqualTo(t);
    }

    @Example
    void theDayIsPaddedWithASpaceAndAmbiguousZonesAreRefused() {
        assertThat(EventTimestamp.parse("Mar  5 2025 10:00:00 UTC")).isEqualTo(Instant.parse("2025-03-05T10:00:00Z"));
        assertThat(EventTimestamp.parse("Mar  5 2025 19:00:00 JST")).isEqualTo(Instant.parse("2025-03-05T10:00:00Z"));
        assertThatThrownBy(() -> EventTimestamp.parse("Mar  5 2025 10:00:00 CST"))
                .hasMessageContaining("ambiguous");
        assertThatThrownBy(() -> EventTimestamp.parse("Feb 30 2025 10:00:00 UTC")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventTimestamp.parse("Feb 29 2025 10:00:00 UTC")).hasMessageContaining("not a valid date");
        assertThat(EventTimestamp.parse("Feb 29 2024 23:59:59 UTC")).isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
        assertThatThrownBy(() -> EventTimestamp.parse("Mai  5 2025 10:00:00 UTC")).hasMessageContaining("not a valid date");
        assertThatThrownBy(() -> EventTimestamp.parse("Mar  5 2025 24:00:00 UTC")).hasMessageContaining("not a valid date");
        assertThatThrownBy(() -> EventTimestamp.parse("Mar  5 2025 10:60:00 UTC")).hasMessageContaining("not a valid date");
    }
}
