package hozon.json;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Reasons the strict readers give, marked so that the problem mapper quotes them as they are
 * instead of a generic "must be a …".
 */
public final class JsonReasons {

    static final String MARK = "hozon: ";

    private JsonReasons() {
    }

    /** The reason a strict reader gave, or null if the failure is Jackson's own. */
    public static String of(MismatchedInputException e) {
        String m = e.getOriginalMessage();
        return m != null && m.startsWith(MARK) ? m.substring(MARK.length()) : null;
    }

    static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }
}
