package hozon.policy.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a legal act on a hold or case is refused: a stable {@code type}, the {@code field} at
 * fault, the {@code rule} that refuses it (a statute or the Guideline), a sentence, and the
 * numbers involved.
 */
public record Refusal(String type, String field, String rule, String message, Map<String, Object> numbers) {

    public static Refusal of(String type, String field, String rule, String message) {
        return new Refusal(type, field, rule, message, Map.of());
    }

    public Refusal with(String name, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(numbers);
        m.put(name, value);
        return new Refusal(type, field, rule, message, m);
    }
}
