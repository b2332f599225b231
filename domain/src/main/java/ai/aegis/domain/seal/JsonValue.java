package ai.aegis.domain.seal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed JSON value, as SEAL signs it. The model follows RFC 8785 (JCS): numbers are IEEE-754
 * doubles, object member names are unique, strings are valid Unicode (no lone surrogates). It
 * exists so that the one canonicaliser ({@link CanonicalJson}) and the envelope checks can work
 * without a JSON library in the domain.
 */
public sealed interface JsonValue
        permits JsonValue.JsonObject, JsonValue.JsonArray, JsonValue.JsonString, JsonValue.JsonNumber,
        JsonValue.JsonBoolean, JsonValue.JsonNull {

    /** This value in RFC 8785 canonical form. */
    default String canonical() {
        return CanonicalJson.serialize(this);
    }

    /** An object; member order is kept as read but never matters for equality or canonical form. */
    record JsonObject(Map<String, JsonValue> members) implements JsonValue {
        public JsonObject {
            Objects.requireNonNull(members, "members");
            LinkedHashMap<String, JsonValue> copy = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> e : members.entrySet()) {
                copy.put(JsonString.requireValidUnicode(Objects.requireNonNull(e.getKey(), "member name")),
                        Objects.requireNonNull(e.getValue(), "member value"));
            }
            members = Collections.unmodifiableMap(copy);
        }

        /** The member with this name, or {@code null}. */
        public JsonValue get(String name) {
            return members.get(name);
        }
    }

    /** An array. */
    record JsonArray(List<JsonValue> elements) implements JsonValue {
        public JsonArray {
            elements = List.copyOf(elements);
        }
    }

    /** A string; it never holds a lone surrogate, so its UTF-8 form is well defined. */
    record JsonString(String value) implements JsonValue {
        public JsonString {
            requireValidUnicode(Objects.requireNonNull(value, "value"));
        }

        static String requireValidUnicode(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        throw new IllegalArgumentException("JSON text holds a lone surrogate");
                    }
                    i++;
                } else if (Character.isLowSurrogate(c)) {
                    throw new IllegalArgumentException("JSON text holds a lone surrogate");
                }
            }
            return s;
        }
    }

    /** A number: a finite IEEE-754 double, as RFC 8785 requires. */
    record JsonNumber(double value) implements JsonValue {
        public JsonNumber {
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("JSON numbers are finite");
            }
        }
    }

    /** {@code true} or {@code false}. */
    record JsonBoolean(boolean value) implements JsonValue {
    }

    /** {@code null}. */
    record JsonNull() implements JsonValue {
        /** The one null value. */
        public static final JsonNull INSTANCE = new JsonNull();
    }

    static JsonString string(String value) {
        return new JsonString(value);
    }

    static JsonNumber number(double value) {
        return new JsonNumber(value);
    }
}
