package hozon.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The times hozon accepts: years {@value #MIN_YEAR} to {@value #MAX_YEAR} (UTC). No
 * communication log predates 1970; a year like +999999999 is a mistake or an attack, and
 * PostgreSQL cannot store it.
 */
final class TimeRange {

    static final int MIN_YEAR = 1970;
    static final int MAX_YEAR = 2200;

    private TimeRange() {
    }

    static boolean inRange(Object value) {
        int year;
        if (value instanceof OffsetDateTime t) {
            year = t.withOffsetSameInstant(ZoneOffset.UTC).getYear();
        } else if (value instanceof ZonedDateTime t) {
            year = t.withZoneSameInstant(ZoneOffset.UTC).getYear();
        } else if (value instanceof Instant t) {
            year = t.atOffset(ZoneOffset.UTC).getYear();
        } else if (value instanceof LocalDate d) {
            year = d.getYear();
        } else {
            return true;
        }
        return year >= MIN_YEAR && year <= MAX_YEAR;
    }

    static final class Modifier extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription desc,
                JsonDeserializer<?> deserializer) {
            Class<?> type = desc.getBeanClass();
            if (type == OffsetDateTime.class || type == ZonedDateTime.class || type == Instant.class
                    || type == LocalDate.class) {
                return new Checked(deserializer);
            }
            return deserializer;
        }
    }

    private static final class Checked extends DelegatingDeserializer {
        Checked(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new Checked(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = super.deserialize(p, ctxt);
            if (!inRange(value)) {
                throw InvalidFormatException.from(p, JsonReasons.MARK + "years " + MIN_YEAR + "–" + MAX_YEAR
                        + " only (got " + value + ")", value, handledType());
            }
            return value;
        }
    }
}
