package hozon.policy.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The statutory limits of each kind of hold (domain brief §4, requirement R5). Plain Java:
 * give it a draft, the categories that exist, the current instant and the limits; it returns
 * every refusal, each naming the rule that refuses it.
 */
public final class HoldRules {

    public static final String CCP_197_3 = "CCP Art. 197(3)";
    public static final String CCP_197_4 = "CCP Art. 197(4)";
    public static final String PLATFORM_ACT = "Information Distribution Platform Act (deletion-prohibition order)";
    public static final String EMERGENCY = "Emergency preservation (Guideline Art. 38, exception for protecting rights)";
    public static final String R5 = "hozon R5 (holds need a precise scope)";

    /** A preservation request may ask for at most 30 days at first (CCP Art. 197(3)). */
    public static final int PRESERVATION_INITIAL_MAX_DAYS = 30;
    /** Each extension adds at most 30 days (CCP Art. 197(4)). */
    public static final int PRESERVATION_EXTENSION_MAX_DAYS = 30;
    /** Never more than 60 days in total (CCP Art. 197(4)). */
    public static final int PRESERVATION_TOTAL_MAX_DAYS = 60;

    /**
     * The calendar the Code of Criminal Procedure counts days in. Japanese law, Japanese days:
     * a statutory fact, not an operator setting (unlike the Guideline calendar of retention rules).
     */
    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    public static final String CCP_55_1 = "CCP Art. 55(1)";

    private HoldRules() {
    }

    /** Operator-set limits on a hold's scope and reviews. */
    public record Limits(Duration maxWindow, int maxEmergencyReviewDays, int minIpv4Prefix, int minIpv6Prefix,
            ZoneId calendar) {
    }

    public static List<Refusal> check(HoldDraft d, Set<String> knownCategories, Instant now, Limits limits) {
        List<Refusal> out = new ArrayList<>();
        if (d.type() == null) {
            out.add(Refusal.of("invalid-hold", "type", R5, "type is required"));
            return out;
        }
        LocalDate today = LocalDate.ofInstant(now, limits.calendar());
        BlanketHoldRule.check(d, knownCategories, limits, out);
        switch (d.type()) {
            case PRESERVATION_REQUEST -> {
                require(out, "authority", d.authority(), CCP_197_3, "the issuing authority (prosecutor or judicial police)");
                require(out, "officer", d.officer(), CCP_197_3, "the requesting officer");
                require(out, "documentRef", d.documentRef(), CCP_197_3, "the reference of the written request");
                if (d.requestDate() == null) {
                    out.add(Refusal.of("invalid-hold", "requestDate", CCP_197_3,
                            CCP_197_3 + ": a preservation request is made in writing; its date is required"));
                }
                if (d.days() == null) {
                    out.add(Refusal.of("invalid-hold", "days", CCP_197_3,
                            CCP_197_3 + ": the number of days to preserve (at most 30) is required"));
                } else if (d.days() < 1 || d.days() > PRESERVATION_INITIAL_MAX_DAYS) {
                    out.add(Refusal.of("preservation-limit", "days", CCP_197_3, CCP_197_3
                                    + ": a preservation request may ask for at most 30 days (requested " + d.days() + ")")
                            .with("limitDays", PRESERVATION_INITIAL_MAX_DAYS).with("requestedDays", d.days()));
                }
                forbid(out, "endsAt", d.endsAt(), CCP_197_3, "a preservation request's end follows from days");
            }
            case DELETION_PROHIBITION_ORDER -> {
                require(out, "court", d.court(), PLATFORM_ACT, "the court that issued the order");
                require(out, "caseNumber", d.caseNumber(), PLATFORM_ACT, "the case number");
                if (d.reviewDate() == null) {
                    out.add(Refusal.of("invalid-hold", "reviewDate", PLATFORM_ACT, PLATFORM_ACT
                            + ": the order lasts until the case ends; a review date to check on the case is required"));
                } else if (d.reviewDate().isBefore(today)) {
                    out.add(Refusal.of("invalid-hold", "reviewDate", PLATFORM_ACT, "the review date lies in the past"));
                }
                forbid(out, "endsAt", d.endsAt(), PLATFORM_ACT, "the order lasts until released when the case ends");
                forbid(out, "days", d.days(), PLATFORM_ACT, "the order lasts until released when the case ends");
            }
            case EMERGENCY_PRESERVATION -> {
                require(out, "reason", d.reason(), EMERGENCY, "the rights being protected and why");
                if (d.reviewDate() == null) {
                    out.add(Refusal.of("invalid-hold", "reviewDate", EMERGENCY,
                            EMERGENCY + ": kept only while the need lasts; a review date is required"));
                } else if (d.reviewDate().isBefore(today)
                        || d.reviewDate().isAfter(today.plusDays(limits.maxEmergencyReviewDays()))) {
                    out.add(Refusal.of("invalid-hold", "reviewDate", EMERGENCY, EMERGENCY
                                    + ": the review date must lie within " + limits.maxEmergencyReviewDays()
                                    + " days from today (" + today + ")")
                            .with("maxReviewDays", limits.maxEmergencyReviewDays()));
                }
                forbid(out, "endsAt", d.endsAt(), EMERGENCY, "emergency preservation lasts until released");
                forbid(out, "days", d.days(), EMERGENCY, "emergency preservation lasts until released");
            }
            case OTHER_STATUTE -> {
                require(out, "statute", d.statute(), "Other statute", "the statute that requires preservation");
                require(out, "article", d.article(), "Other statute", "the article of that statute");
                Instant start = d.startsAt() == null ? now : d.startsAt();
                if (d.endsAt() == null) {
                    out.add(Refusal.of("invalid-hold", "endsAt", "Other statute",
                            "a hold under another statute needs an explicit end"));
                } else if (!d.endsAt().isAfter(start)) {
                    out.add(Refusal.of("invalid-hold", "endsAt", "Other statute", "endsAt must be after startsAt"));
                }
                forbid(out, "days", d.days(), "Other statute", "give endsAt instead");
            }
        }
        return out;
    }

    /** Refusal of an extension of {@code hold} by {@code days}, or null when it is allowed. */
    public static Refusal checkExtension(LegalHold hold, int days, String documentRef, Instant now) {
        if (hold.type != HoldType.PRESERVATION_REQUEST) {
            return Refusal.of("not-extendable", "days", CCP_197_4,
                    "only preservation requests are extended; a " + hold.type + " lasts until released or changes by a new hold");
        }
        if (hold.releasedAt != null) {
            return Refusal.of("hold-ended", "days", CCP_197_4,
                    "the preservation request was " + hold.releaseKind.name().toLowerCase() + " at " + hold.releasedAt
                            + "; an ended hold is not extended");
        }
        if (!hold.endsAt.isAfter(now)) {
            return Refusal.of("hold-ended", "days", CCP_197_4,
                    "the preservation request ended at " + hold.endsAt + "; an ended hold is not extended");
        }
        if (documentRef == null || documentRef.isBlank()) {
            return Refusal.of("invalid-extension", "documentRef", CCP_197_4,
                    CCP_197_4 + ": an extension is requested in writing; its document reference is required");
        }
        if (days < 1 || days > PRESERVATION_EXTENSION_MAX_DAYS) {
            return Refusal.of("preservation-limit", "days", CCP_197_4,
                    CCP_197_4 + ": an extension may add at most 30 days (requested " + days + ")")
                    .with("limitDays", PRESERVATION_EXTENSION_MAX_DAYS).with("requestedDays", days);
        }
        long granted = preservedDays(hold.startsAt, hold.endsAt);
        long total = granted + days;
        if (total > PRESERVATION_TOTAL_MAX_DAYS) {
            return Refusal.of("preservation-limit", "days", CCP_197_4,
                    CCP_197_4 + ": preservation may not exceed 60 days in total (requested " + total + ")")
                    .with("limitDays", PRESERVATION_TOTAL_MAX_DAYS).with("requestedDays", total)
                    .with("grantedDays", granted);
        }
        return null;
    }

    /**
     * CCP Art. 55(1): a period counted in days does not count its first day and ends when its
     * last day ends. A preservation request of {@code days} days starting at any hour of day D
     * counts D+1 … D+days and is in force until 00:00 (JST) of D+days+1: a 30-day request
     * starting 2026-12-01 (any hour) ends at 2027-01-01T00:00+09:00.
     *
     * <p>Art. 55(3) (a last day on a Sunday, Saturday, national holiday or 29 Dec – 3 Jan is
     * not counted) is deliberately not applied: it moves deadlines for procedural acts, and a
     * preservation period is no deadline for an act; stretching it over holidays would keep
     * logs longer than the prosecutor asked, which the secrecy of communications forbids.
     */
    public static Instant preservationEnd(Instant start, int days) {
        return LocalDate.ofInstant(start, JAPAN).plusDays(days + 1L).atStartOfDay(JAPAN).toInstant();
    }

    /**
     * CCP Art. 197(4) with Art. 55(1): an extension of {@code days} days counts on from the
     * current period's last day. Extending the request above by 30 days: its last day
     * 2026-12-31, new last day 2027-01-30, in force until 2027-01-31T00:00+09:00.
     */
    public static Instant extendedEnd(Instant currentEnd, int days) {
        return lastDay(currentEnd).plusDays(days + 1L).atStartOfDay(JAPAN).toInstant();
    }

    /**
     * Days of preservation from {@code start} to {@code end} counted as Art. 55(1) counts them
     * (first day excluded, last day whole): what the 30- and 60-day caps of Art. 197(3)/(4)
     * compare against.
     */
    public static long preservedDays(Instant start, Instant end) {
        return ChronoUnit.DAYS.between(LocalDate.ofInstant(start, JAPAN), lastDay(end));
    }

    /** The last day (JST) a period ending at {@code end} still covers: the day of the instant before it. */
    private static LocalDate lastDay(Instant end) {
        return LocalDate.ofInstant(end.minusNanos(1), JAPAN);
    }

    private static void require(List<Refusal> out, String field, String value, String rule, String what) {
        if (value == null || value.isBlank()) {
            out.add(Refusal.of("invalid-hold", field, rule, rule + ": " + what + " is required"));
        }
    }

    private static void forbid(List<Refusal> out, String field, Object value, String rule, String why) {
        if (value != null) {
            out.add(Refusal.of("invalid-hold", field, rule, field + " does not apply: " + why));
        }
    }
}
