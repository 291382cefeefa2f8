package hozon.ingest.radius;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RADIUS Event-Timestamp as rlm_rest and json_encode write it: FreeRADIUS's date text
 * ({@code "Mar  5 2025 10:00:00 UTC"}, day padded with a space), or seconds since the epoch (a
 * number or a string of digits), or RFC 3339. Only zone names that mean one offset are
 * accepted (UTC, GMT, JST) or a numeric offset; anything else is refused rather than guessed.
 */
public final class EventTimestamp {

    private static final Pattern EPOCH = Pattern.compile("\\d{1,12}");
    private static final Pattern FREERADIUS = Pattern.compile(
            "([A-Z][a-z]{2})\\s+(\\d{1,2})\\s+(\\d{4})\\s+(\\d{2}:\\d{2}:\\d{2})\\s+([A-Za-z]{1,5}|[+-]\\d{2}:?\\d{2})");
    private static final java.util.List<String> MONTHS = java.util.List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun",
            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
    private static final Map<String, ZoneOffset> ZONES = Map.of("UTC", ZoneOffset.UTC, "GMT", ZoneOffset.UTC,
            "Z", ZoneOffset.UTC, "JST", ZoneOffset.ofHours(9));

    private EventTimestamp() {
    }

    /** @throws IllegalArgumentException with a reason a sender can act on */
    public static Instant parse(String text) {
        String s = text == null ? "" : text.trim();
        if (EPOCH.matcher(s).matches()) {
            return Instant.ofEpochSecond(Long.parseLong(s));
        }
        Matcher m = FREERADIUS.matcher(s);
        if (m.matches()) {
            ZoneOffset zone = zone(m.group(5));
            // By hand, not with a DateTimeFormatter: this runs for every accounting packet, and the
            // formatter's parse allocated some 18 KB per call (issue #19's profile).
            int month = MONTHS.indexOf(m.group(1)) + 1;
            String time = m.group(4);
            try {
                if (month == 0) {
                    throw new java.time.DateTimeException("no such month");
                }
                return LocalDateTime.of(Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(2)),
                        Integer.parseInt(time, 0, 2, 10), Integer.parseInt(time, 3, 5, 10),
                        Integer.parseInt(time, 6, 8, 10)).toInstant(zone);
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("'" + text + "' is not a valid date");
            }
        }
        try {
            return java.time.OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is neither FreeRADIUS's \"Mar  5 2025 10:00:00 UTC\","
                    + " epoch seconds nor RFC 3339");
        }
    }

    private static ZoneOffset zone(String z) {
        ZoneOffset known = ZONES.get(z.toUpperCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        if (z.startsWith("+") || z.startsWith("-")) {
            return ZoneOffset.of(z.length() == 5 ? z.substring(0, 3) + ":" + z.substring(3) : z);
        }
        throw new IllegalArgumentException("time zone '" + z + "' is ambiguous; have FreeRADIUS write UTC"
                + " (TZ=UTC) or epoch seconds");
    }

    /** FreeRADIUS's own rendering, for tests: month, day padded to two with a space, year, time, zone. */
    public static String format(Instant t, ZoneOffset zone, String zoneName) {
        LocalDateTime l = LocalDateTime.ofInstant(t, zone);
        return DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH).format(l) + " "
                + String.format("%2d", l.getDayOfMonth()) + " " + DateTimeFormatter.ofPattern("yyyy HH:mm:ss").format(l)
                + " " + zoneName;
    }
}
