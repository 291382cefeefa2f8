package hozon.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;

/** A JSON string and nothing else, without C0 control characters (but tab, LF, CR), of bounded length. */
final class StrictStringDeserializer extends StdScalarDeserializer<String> {

    /** The longest free-text field any hozon API documents (a rule's justification, a case description). */
    static final int DEFAULT_MAX_LENGTH = 4000;

    private final int maxLength;

    StrictStringDeserializer(int maxLength) {
        super(String.class);
        this.maxLength = maxLength;
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw MismatchedInputException.from(p, String.class, JsonReasons.MARK + "must be a string, not "
                    + JsonReasons.describe(p.currentToken()));
        }
        String s = p.getText();
        if (s.length() > maxLength) {
            throw InvalidFormatException.from(p, JsonReasons.MARK + "at most " + maxLength + " characters (got "
                    + s.length() + ")", null, String.class);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                throw InvalidFormatException.from(p, JsonReasons.MARK + "control character U+"
                        + String.format("%04X", (int) c) + " at position " + i + " is not allowed", null, String.class);
            }
        }
        return s;
    }
}
