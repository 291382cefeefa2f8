package hozon.policy.domain;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A retention period as an ISO-8601 date-based period ({@code P6M}, {@code P90D},
 * {@code P1Y}, {@code P1Y6M}); time components are not accepted.
 *
 * <p>Arithmetic contract: periods are counted in calendar years, months and days in the
 * calendar zone (JST for the Guideline). The cutoff as of instant T is T, read as a local
 * date-time in that zone, minus the years and months (the day of month clamped to the
 * month's last day, so 31 Aug minus P6M is 28 Feb, or 29 Feb in a leap year), then minus the
 * days. A record whose event instant E is strictly before the cutoff is expired. It follows
 * that a record is never expired before E plus the period, and that clamping keeps it at
 * most three days longer.
 */
public final class RetentionPeriod {

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
        if (p.toTotalMonths() > 12L * 100) {
            return Parsed.error("'" + text + "' exceeds 100 years");
        }
        return new Parsed(new RetentionPeriod(p), null);
    }

    public Instant cutoff(Instant asOf, ZoneId calendar) {
        return asOf.atZone(calendar).minusYears(period.getYears()).minusMonths(period.getMonths())
                .minusDays(period.getDays()).toInstant();
    }

    /** The earliest instant at which a record stamped {@code eventTime} may be expired. */
    public Instant earliestExpiry(Instant eventTime, ZoneId calendar) {
        return eventTime.atZone(calendar).plusYears(period.getYears()).plusMonths(period.getMonths())
                .plusDays(period.getDays()).toInstant();
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
