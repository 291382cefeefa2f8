package hozon.json;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How every hozon service reads JSON: exactly what the schema says, or a 400 naming the field.
 * <ul>
 *   <li>one JSON value per body (or NDJSON line), no trailing bytes;</li>
 *   <li>no coercion: a number or boolean where a string belongs, a string where a number or
 *       boolean belongs, a float where an integer belongs are refused; an empty string is not
 *       "absent" (it never becomes null, now, or an enum's default);</li>
 *   <li>{@code null} inside an array is refused, and {@code null} for a primitive;</li>
 *   <li>strings: no C0 control character but tab, line feed and carriage return (PostgreSQL
 *       refuses NUL in text), at most {@code hozon.json.max-string-length} characters (the
 *       OpenAPI documents state it as {@code maxLength} where a field has no smaller bound);</li>
 *   <li>times: years {@value TimeRange#MIN_YEAR}–{@value TimeRange#MAX_YEAR} only.</li>
 * </ul>
 * Unknown fields are refused by configuration ({@code quarkus.jackson.fail-on-unknown-properties}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @ConfigProperty(name = "hozon.json.max-string-length", defaultValue = "" + StrictStringDeserializer.DEFAULT_MAX_LENGTH)
    int maxStringLength;

    /** The bound every string field has unless its schema states a smaller one (for the OpenAPI documents). */
    public static int maxStringLength() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("hozon.json.max-string-length", Integer.class)
                .orElse(StrictStringDeserializer.DEFAULT_MAX_LENGTH);
    }

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper, maxStringLength);
    }

    /** The same rules on any mapper (tests, tools). */
    public static ObjectMapper apply(ObjectMapper mapper, int maxStringLength) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        mapper.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.Fail);
        for (LogicalType numeric : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(numeric)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        SimpleModule strict = new SimpleModule("hozon-strict-json");
        strict.addDeserializer(String.class, new StrictStringDeserializer(maxStringLength));
        strict.setDeserializerModifier(new TimeRange.Modifier());
        mapper.registerModule(strict);
        return mapper;
    }
}
