package hozon.policy.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A retention period as an ISO-8601 date-based period ({@code P6M}, {@code P90D},
 * {@code P1Y}, {@code P1Y6M}); time components are not accepted.
 *
 * <p>Reckoning: the Civil Code's rules for periods in days, months and years, in the calendar
 * zone (JST for the Guideline). A record's period starts at its event instant E.
 * <ul>
 *   <li><b>Art. 140</b>: the first day is not counted, unless the period starts at 00:00. The
 *       first counted day S is therefore E's day when E is exactly midnight, else the next day.
 *   <li><b>Art. 143(2)</b>: a period in months or years ends on the day before the day of the
 *       last month that corresponds to S; where the last month has no such day (31 Aug + 6
 *       months), it ends on that month's last day. Years count as twelve months. Days that
 *       follow months ({@code P1M10D}) are counted on from the months' last day; a period of days
 *       alone ends on S + days − 1.
 *   <li><b>Art. 141</b>: the period ends when its last day L ends. The record is kept through L
 *       and is due from 00:00 of the day after: {@link #dueFrom}.
 * </ul>
 * Worked examples (P6M, JST): 2026-08-15T12:00 → kept through 2027-02-15, due from
 * 2027-02-16T00:00; 2026-08-15T00:00 (starts at midnight) → due from 2027-02-15T00:00;
 * 2026-08-31T12:00 → due from 2027-03-01T00:00; 2027-08-31T12:00 → last kept day 2028-02-29,
 * due from 2028-03-01T00:00. P30D: 2026-12-01T09:30 → kept through 2026-12-31.
 *
 * <p>{@link #cutoff} turns this into the purge plan's form, "records with event time strictly
 * before the cutoff are due", exactly: E &lt; cutoff(T) ⇔ dueFrom(E) ≤ T for every E the store
 * can hold (it keeps microseconds). The cutoff is therefore one microsecond after the midnight
 * that starts the latest first counted day that is due: a record at exactly that midnight
 * (Art. 140's exception) is due, one a microsecond later is not.
 */
public final class RetentionPeriod {

    /** The store's time resolution (PostgreSQL timestamptz): the step after an exact midnight. */
    static final Duration RESOLUTION = Duration.ofNanos(1_000);

    private final Period period;

    private RetentionPeriod(Period period) {
        this.period = period;
    }

    /** Parses {@code text}, or says why it is not a usable retention period. */
    public static Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            return Parsed.error("a period is required, e.g. P6M");
        }
        if (text.contains("T")) {
            return Parsed.error("'" + text + "' has a time part; use years, months or days (e.g. P6M, P90D)");
        }
        Period p;
        try {
            p = Period.parse(text);
        } catch (DateTimeParseException e) {
            return Parsed.error("'" + text + "' is not an ISO-8601 period such as P6M, P90D or P1Y");
        }
        if (p.isNegative() || p.isZero() || p.getYears() < 0 || p.getMonths() < 0 || p.getDays() < 0) {
            return Parsed.error("'" + text + "' must be positive in every part");
        }
        // No business need justifies half a century, and every cutoff then stays inside the
        // times the services exchange (years 1970–2200, hozon.json.StrictJson).
        if (p.toTotalMonths() + p.getDays() / 28 > 12L * 50) {
            return Parsed.error("'" + text + "' exceeds 50 years");
        }
        return new Parsed(new RetentionPeriod(p), null);
    }

    /** Civil Code Art. 140: the first day counted for a period starting at {@code event}. */
    public static LocalDate firstCountedDay(Instant event, ZoneId calendar) {
        ZonedDateTime at = event.atZone(calendar);
        LocalDate day = at.toLocalDate();
        return at.equals(day.atStartOfDay(calendar)) ? day : day.plusDays(1);
    }

    /** Civil Code Art. 143(2) (months, years) and the day count: the last day of the period counted from {@code first}. */
    public LocalDate lastDay(LocalDate first) {
        long months = period.toTotalMonths();
        LocalDate monthsEnd;
        if (months == 0) {
            monthsEnd = first.minusDays(1);
        } else {
            LocalDate corresponding = first.plusMonths(months);
            // plusMonths clamps to the month's last day when the day does not exist there.
            boolean exists = corresponding.getDayOfMonth() == first.getDayOfMonth();
            monthsEnd = exists ? corresponding.minusDays(1) : corresponding;
        }
        return monthsEnd.plusDays(period.getDays());
    }

    /** Civil Code Art. 141: the instant a record stamped {@code event} becomes due, 00:00 after its last day. */
    public Instant dueFrom(Instant event, ZoneId calendar) {
        return lastDay(firstCountedDay(event, calendar)).plusDays(1).atStartOfDay(calendar).toInstant();
    }

    /** Records whose event instant is strictly before this are due as of {@code asOf} (see the class comment). */
    public Instant cutoff(Instant asOf, ZoneId calendar) {
        LocalDate lastDueDay = LocalDate.ofInstant(asOf, calendar).minusDays(1);
        // lastDay() is non-decreasing in its argument and at most three days (month-end clamping)
        // off first + period: start a safe week past the answer and step back to the latest first
        // counted day that is due.
        LocalDate first = lastDueDay.plusDays(1).minusDays(period.getDays()).minusMonths(period.toTotalMonths())
                .plusDays(8);
        while (lastDay(first).isAfter(lastDueDay)) {
            first = first.minusDays(1);
        }
        return first.atStartOfDay(calendar).toInstant().plus(RESOLUTION);
    }

    /** Days in a mean Gregorian month (146097 days / 4800 months). */
    public static final double MEAN_MONTH_DAYS = 30.436875;

    /**
     * Length in months, a day counting 1/30.436875 month (the mean Gregorian month). This is
     * how a period is compared with the Guideline's norms: P3M is exactly 3, P90D is 2.96
     * (below three months), P92D is 3.02.
     */
    public double months() {
        return period.toTotalMonths() + period.getDays() / MEAN_MONTH_DAYS;
    }

    public String iso() {
        return period.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetentionPeriod other && period.equals(other.period);
    }

    @Override
    public int hashCode() {
        return period.hashCode();
    }

    @Override
    public String toString() {
        return iso();
    }

    /** The outcome of {@link #parse}: a period, or the reason there is none. */
    public record Parsed(RetentionPeriod period, String error) {
        static Parsed error(String reason) {
            return new Parsed(null, reason);
        }

        public Optional<RetentionPeriod> value() {
            return Optional.ofNullable(period);
        }
    }
}
