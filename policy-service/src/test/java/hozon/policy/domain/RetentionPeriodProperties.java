package hozon.policy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Civil Code Arts. 140, 141 and 143(2) as {@link RetentionPeriod} applies them, to the exact second. */
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

    /** Event instants at the store's resolution (microseconds), often exactly at or next to a JST midnight. */
    @Provide
    Arbitrary<Instant> events() {
        Arbitrary<Instant> nearMidnight = Combinators.combine(instants(), Arbitraries.of(-1_000L, 0L, 0L, 1_000L))
                .as((t, nanos) -> t.atZone(JST).toLocalDate().atStartOfDay(JST).toInstant().plusNanos(nanos));
        Arbitrary<Instant> micros = Arbitraries.longs().between(946_684_800_000_000L, 4_102_444_800_000_000L)
                .map(us -> Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1_000));
        return Arbitraries.oneOf(nearMidnight, micros, instants());
    }

    /** Civil Code Art. 141: never due before the end of the period's last day. */
    @Property(tries = 2000)
    void neverDueBeforeTheLastDayOfThePeriodHasEnded(@ForAll("events") Instant event, @ForAll("periods") RetentionPeriod period) {
        Instant due = period.dueFrom(event, JST);
        ZonedDateTime dueAt = due.atZone(JST);
        assertThat(dueAt.toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
        LocalDate lastKept = dueAt.toLocalDate().minusDays(1);
        // Art. 140: counting begins the day after the event (the event's own day if it began at 00:00).
        LocalDate first = RetentionPeriod.firstCountedDay(event, JST);
        assertThat(first).isAfter(event.atZone(JST).toLocalDate().minusDays(1));
        assertThat(lastKept).isAfterOrEqualTo(first.plus(periodOf(period)).minusDays(1));
        assertThat(due).isAfter(event);
    }

    /** Month-end clamping (Art. 143(2)) keeps a record at most three days past the plain calendar sum. */
    @Property(tries = 2000)
    void dueAtMostThreeDaysAfterThePlainCalendarSum(@ForAll("events") Instant event, @ForAll("periods") RetentionPeriod period) {
        LocalDate first = RetentionPeriod.firstCountedDay(event, JST);
        LocalDate plain = first.plus(periodOf(period));
        assertThat(period.dueFrom(event, JST)).isBeforeOrEqualTo(plain.plusDays(3).atStartOfDay(JST).toInstant());
    }

    /** The plan's cutoff says exactly what dueFrom says: E &lt; cutoff(T) ⇔ dueFrom(E) ≤ T. */
    @Property(tries = 3000)
    void theCutoffDeletesExactlyTheRecordsThatAreDue(@ForAll("events") Instant event, @ForAll("periods") RetentionPeriod period,
            @ForAll @IntRange(min = -3 * 24 * 60, max = 3 * 24 * 60) int minutesFromDue, @ForAll("offsets") long nanos) {
        Instant due = period.dueFrom(event, JST);
        Instant asOf = due.plus(Duration.ofMinutes(minutesFromDue)).plusNanos(nanos);
        assertThat(event.isBefore(period.cutoff(asOf, JST))).as("due as of " + asOf + " (due from " + due + ")")
                .isEqualTo(!asOf.isBefore(due));
    }

    @Provide
    Arbitrary<Long> offsets() {
        return Arbitraries.of(-1_000_000_000L, -1_000L, 0L, 1_000L, 1_000_000_000L);
    }

    @Property(tries = 1000)
    void dueNeverComesEarlierForALaterRecord(@ForAll("events") Instant a, @ForAll("events") Instant b,
            @ForAll("periods") RetentionPeriod period) {
        Instant earlier = a.isBefore(b) ? a : b;
        Instant later = a.isBefore(b) ? b : a;
        assertThat(period.dueFrom(earlier, JST)).isBeforeOrEqualTo(period.dueFrom(later, JST));
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

    private static Period periodOf(RetentionPeriod p) {
        return Period.parse(p.iso());
    }

    private static Instant jst(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(JST).toInstant();
    }

    private static final RetentionPeriod P6M = RetentionPeriod.parse("P6M").value().orElseThrow();

    /** The worked examples, at the exact second before and after the boundary. */
    @Example
    void sixMonthsFromMidAugustAreKeptThroughTheFifteenthOfFebruary() {
        Instant event = jst("2026-08-15T12:00:00");
        assertThat(P6M.dueFrom(event, JST)).isEqualTo(jst("2027-02-16T00:00:00"));
        assertThat(event).isAfterOrEqualTo(P6M.cutoff(jst("2027-02-15T23:59:59"), JST));
        assertThat(event).isBefore(P6M.cutoff(jst("2027-02-16T00:00:00"), JST));
    }

    @Example
    void aPeriodThatStartsAtMidnightCountsItsFirstDay() {
        Instant event = jst("2026-08-15T00:00:00");
        assertThat(P6M.dueFrom(event, JST)).isEqualTo(jst("2027-02-15T00:00:00"));
        assertThat(event).isAfterOrEqualTo(P6M.cutoff(jst("2027-02-14T23:59:59"), JST));
        assertThat(event).isBefore(P6M.cutoff(jst("2027-02-15T00:00:00"), JST));
        // one microsecond later the first day is no longer counted
        Instant later = event.plusNanos(1_000);
        assertThat(P6M.dueFrom(later, JST)).isEqualTo(jst("2027-02-16T00:00:00"));
        assertThat(later).isAfterOrEqualTo(P6M.cutoff(jst("2027-02-15T00:00:00"), JST));
    }

    @Example
    void aMonthWithoutTheCorrespondingDayEndsOnItsLastDay() {
        assertThat(P6M.dueFrom(jst("2026-08-31T12:00:00"), JST)).isEqualTo(jst("2027-03-01T00:00:00"));
        assertThat(P6M.dueFrom(jst("2027-08-31T12:00:00"), JST)).isEqualTo(jst("2028-03-01T00:00:00"));
        assertThat(P6M.lastDay(LocalDate.of(2027, 9, 1))).isEqualTo(LocalDate.of(2028, 2, 29));
        // counting from the 31st: the last month has no 31st, so its last day ends the period
        assertThat(P6M.lastDay(LocalDate.of(2026, 8, 31))).isEqualTo(LocalDate.of(2027, 2, 28));
        assertThat(jst("2027-08-31T12:00:00")).isAfterOrEqualTo(P6M.cutoff(jst("2028-02-29T23:59:59"), JST));
        assertThat(jst("2027-08-31T12:00:00")).isBefore(P6M.cutoff(jst("2028-03-01T00:00:00"), JST));
    }

    @Example
    void daysAreCountedInTheJapaneseCalendarNotUtc() {
        // 2026-12-01 08:30 JST is still 30 November in UTC; the first counted day is 2 December JST.
        RetentionPeriod days = RetentionPeriod.parse("P30D").value().orElseThrow();
        assertThat(days.dueFrom(jst("2026-12-01T08:30:00"), JST)).isEqualTo(jst("2027-01-01T00:00:00"));
    }

    @Example
    void refusesPeriodsThatAreNotPositiveDateBasedIsoPeriods() {
        for (String bad : new String[] {null, "", "6 months", "PT6H", "P0D", "P-1M", "P1M-1D", "P101Y"}) {
            assertThat(RetentionPeriod.parse(bad).error()).as(String.valueOf(bad)).isNotBlank();
        }
        assertThat(RetentionPeriod.parse("P1Y6M").value()).isPresent();
    }
}
