package hozon.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Locale;
import java.util.Set;

/**
 * One JSON reading failure as a {@link Problem.FieldError}: where (record index, field path) and
 * why, in words a sender can act on. A field that would carry the content of a communication is
 * named as such: hozon stores who communicated when and from where, never what (R1).
 */
public final class JsonErrors {

    /**
     * Field names that carry what was communicated rather than who, when and from where. Matched
     * case-insensitively on the last path segment.
     */
    private static final Set<String> CONTENT_FIELDS = Set.of("body", "content", "contents", "message", "messages",
            "text", "subject", "payload", "data", "html", "title", "comment", "url", "uri", "query", "dns-query",
            "request-uri", "attachment", "attachments", "mail", "post-body", "postbody", "postcontent", "tweet");

    private JsonErrors() {
    }

    /** @param index the record's position in its batch or stream, or null for a single document */
    public static Problem.FieldError of(JsonProcessingException e, Integer index) {
        if (e instanceof UnrecognizedPropertyException u) {
            return new Problem.FieldError(index(u, index), path(u), isContent(u.getPropertyName())
                    ? "content of communications is never stored (R1)" : "not part of this record's schema");
        }
        if (e instanceof MismatchedInputException m) {
            return new Problem.FieldError(index(m, index), path(m), reason(m));
        }
        return new Problem.FieldError(index, "(record)", "not valid JSON");
    }

    public static boolean isContent(String field) {
        return field != null && CONTENT_FIELDS.contains(field.toLowerCase(Locale.ROOT));
    }

    private static Integer index(JsonMappingException e, Integer given) {
        if (given != null) {
            return given;
        }
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                return ref.getIndex();
            }
        }
        return null;
    }

    /** The path as the client wrote it, e.g. {@code records[3].ip}. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(body)" : sb.toString();
    }

    static String reason(MismatchedInputException e) {
        String strict = hozon.json.JsonReasons.of(e);
        if (strict != null) {
            return strict;
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidNullException) {
            return "must not be null";
        }
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.contains("Trailing token")) {
            return "one JSON value only: nothing may follow it";
        }
        if (message.contains("Cannot coerce") || message.contains("coercion")) {
            Class<?> t = e.getTargetType();
            return t == null ? "wrong JSON type" : "must be a " + simple(t) + " of JSON's own type (no coercion)";
        }
        Class<?> target = e.getTargetType();
        if (target == null) {
            return "unexpected value";
        }
        if (target.isEnum()) {
            return "must be one of " + java.util.Arrays.toString(target.getEnumConstants());
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(target)) {
            return "must be an RFC 3339 date-time with offset, e.g. 2026-03-01T10:00:00+09:00";
        }
        return "must be a " + simple(target);
    }

    private static String simple(Class<?> t) {
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            return "whole number";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "boolean";
        }
        return t.getSimpleName();
    }
}
