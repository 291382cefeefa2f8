package hozon.console.web;

import hozon.console.i18n.Formats;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Form values as people type them: wall-clock times in JST, blanks as absent. */
final class Forms {

    private Forms() {
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * An instant as typed: with an offset as is; a wall-clock time ({@code datetime-local}'s
     * {@code 2026-12-01T10:00}, or with a space) read as JST. Unparseable: passed on as typed, so
     * the service refuses it with its own problem.
     */
    static Object instant(String typed) {
        String v = blankToNull(typed);
        if (v == null) {
            return null;
        }
        String iso = v.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso).toString();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(iso).atZone(Formats.JST).toOffsetDateTime().toString();
            } catch (DateTimeParseException e) {
                return v;
            }
        }
    }

    static Object date(String s) {
        String v = blankToNull(s);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v).toString();
        } catch (DateTimeParseException e) {
            return v;
        }
    }

    static Object integer(String s) {
        String v = blankToNull(s);
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }

}
