package hozon.policy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class RetentionPeriodProperties {

    private static final ZoneId JST = ZoneId.of("Asia/Tokyo");

    @Provide
    Arbitrary<Instant> instants() {
        // 2000-01-01 .. 2100-01-01, to the millisecond: covers every month end and leap day.
        return Arbitraries.longs().between(946_684_800_000L, 4_102_444_800_000L).map(Instant::ofEpochMilli);
    }

    @Provide
    Arbitrary<RetentionPeriod> periods() {
        return Arbitraries.integers().between(0, 3).flatMap(y -> Arbitraries.integers().between(0, 14)
                .flatMap(m -> Arbitraries.integers().between(0, 400)
                        .map(d -> "P" + y + "Y" + m + "M" + d + "D")))
                .filter(s -> !s.equals("P0Y0M0D"))
                .map(s -> RetentionPeriod.parse(s).value().orElseThrow());
    }

    @Property
    void recordIsNeverExpiredBeforeItsPeriodHasPassed(@ForAll("instants") Instant event,
            @ForAll("instants") Instant asOf, @ForAll("periods") RetentionPeriod period) {
        boolean expired = event.isBefore(period.cutoff(asOf, JST));
        if (expired) {
            assertThat(asOf).isAfterOrEqualTo(period.earliestExpiry(event, JST));
        }
    }

    @Property
    void monthEndClampingKeepsARecordAtMostThreeDaysLonger(@ForAll("instants") Instant event,
            @ForAll("periods") RetentionPeriod period, @ForAll @IntRange(min = 0, max = 100_000) int minutesLater) {
        Instant asOf = period.earliestExpiry(event, JST).plus(Duration.ofDays(3)).plusMillis(1)
                .plus(Duration.ofMinutes(minutesLater));
        assertThat(event).isBefore(period.cutoff(asOf, JST));
    }

    @Property
    void cutoffNeverMovesBackwardsAsTimeGoesOn(@ForAll("instants") Instant a, @ForAll("instants") Instant b,
            @ForAll("periods") RetentionPeriod period) {
        Instant earlier = a.isBefore(b) ? a : b;
        Instant later = a.isBefore(b) ? b : a;
        assertThat(period.cutoff(earlier, JST)).isBeforeOrEqualTo(period.cutoff(later, JST));
    }

    @Property
    void cutoffIsAlwaysBeforeAsOf(@ForAll("instants") Instant asOf, @ForAll("periods") RetentionPeriod period) {
        assertThat(period.cutoff(asOf, JST)).isBefore(asOf);
    }

    @Example
    void sixMonthsBeforeThe31stOfAugustIsTheLastDayOfFebruaryInJst() {
        RetentionPeriod six = RetentionPeriod.parse("P6M").value().orElseThrow();
        Instant asOf = ZonedDateTime.of(LocalDateTime.of(2027, 8, 31, 10, 0), JST).toInstant();
        assertThat(six.cutoff(asOf, JST)).isEqualTo(ZonedDateTime.of(LocalDateTime.of(2027, 2, 28, 10, 0), JST).toInstant());
        Instant leap = ZonedDateTime.of(LocalDateTime.of(2028, 8, 31, 10, 0), JST).toInstant();
        assertThat(six.cutoff(leap, JST)).isEqualTo(ZonedDateTime.of(LocalDateTime.of(2028, 2, 29, 10, 0), JST).toInstant());
    }

    @Example
    void monthsAreCountedInTheJapaneseCalendarNotUtc() {
        // 1 March 00:30 JST is still 28 February in UTC; one month earlier in JST is 1 February.
        RetentionPeriod one = RetentionPeriod.parse("P1M").value().orElseThrow();
        Instant asOf = ZonedDateTime.of(LocalDateTime.of(2027, 3, 1, 0, 30), JST).toInstant();
        assertThat(one.cutoff(asOf, JST)).isEqualTo(ZonedDateTime.of(LocalDateTime.of(2027, 2, 1, 0, 30), JST).toInstant());
    }

    @Example
    void refusesPeriodsThatAreNotPositiveDateBasedIsoPeriods() {
        for (String bad : new String[] {null, "", "6 months", "PT6H", "P0D", "P-1M", "P1M-1D", "P101Y"}) {
            assertThat(RetentionPeriod.parse(bad).error()).as(String.valueOf(bad)).isNotBlank();
        }
        assertThat(RetentionPeriod.parse("P1Y6M").value()).isPresent();
    }
}
