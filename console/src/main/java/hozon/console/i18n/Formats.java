package hozon.console.i18n;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Dates and times as people write them: 2026年12月1日 09:30 JST in Japanese, 1 Dec 2026 09:30 JST
 * in English; every instant in Japan time with the zone shown.
 */
public final class Formats {

    public static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    /** The template attribute carrying the page's "now" (from the console's clock). */
    public static final String NOW = "now";
    private static final DateTimeFormatter JA_DATE = DateTimeFormatter.ofPattern("uuuu年M月d日", Locale.JAPANESE);
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Formats() {
    }

    /** An instant (ISO-8601 text or Instant) as a JST date and time; blank for none. */
    @TemplateExtension(matchName = "jst")
    public static String jst(Object value, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        Instant i = instant(value);
        if (i == null) {
            return value == null ? "" : value.toString();
        }
        return dateTime(i, locale);
    }

    /**
     * Whole JST calendar days from the page's today to the last day an end instant leaves in force
     * (0 = today is the last day); -1 for none. Ends are exclusive: a hold ending at 2026-12-08
     * 00:00 JST is in force through 7 December, so on 2 December it has 5 days left, not 6.
     */
    @TemplateExtension(matchName = "daysLeft")
    static long daysLeft(Object value, @TemplateExtension.TemplateAttribute(NOW) Object now) {
        Instant i = instant(value);
        if (i == null || !(now instanceof Instant today)) {
            return -1;
        }
        return ChronoUnit.DAYS.between(today.atZone(JST).toLocalDate(), i.minusNanos(1).atZone(JST).toLocalDate());
    }

    public static String date(LocalDate d, Object locale) {
        return isEnglish(locale) ? EN_DATE.format(d) : JA_DATE.format(d);
    }

    public static String dateTime(Instant i, Object locale) {
        ZonedDateTime z = i.atZone(JST);
        return date(z.toLocalDate(), locale) + " " + TIME.format(z) + " JST";
    }

    static boolean isEnglish(Object locale) {
        return locale instanceof Locale l ? "en".equals(l.getLanguage()) : locale != null && locale.toString().startsWith("en");
    }

    public static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value == null) {
            return null;
        }
        String s = value.toString();
        if (s.length() < 11 || s.charAt(10) != 'T') {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
