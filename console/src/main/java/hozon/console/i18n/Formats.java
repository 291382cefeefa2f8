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
        ZonedDateTime z = i.atZone(JST);
        return date(z.toLocalDate(), locale) + " " + TIME.format(z) + " JST";
    }

    /** Whole JST calendar days from today to an instant (0 = ends today); -1 for none. */
    @TemplateExtension(matchName = "daysLeft")
    static long daysLeft(Object value) {
        Instant i = instant(value);
        return i == null ? -1 : ChronoUnit.DAYS.between(LocalDate.now(JST), i.atZone(JST).toLocalDate());
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
