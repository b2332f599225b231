package ai.aegis.domain.workflow;

import ai.aegis.domain.registry.FieldError;
import ai.aegis.domain.seal.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a signal's data against the {@code input_schema} of a human-input state. It understands
 * the JSON Schema keywords such a schema needs — {@code type} (one or a list), {@code properties},
 * {@code required}, {@code additionalProperties: false}, {@code items}, {@code enum}, {@code const},
 * {@code minLength}/{@code maxLength} and {@code minimum}/{@code maximum} — and leaves any other
 * keyword unchecked (it never refuses data for a keyword it does not know).
 */
public final class SignalInputCheck {

    private SignalInputCheck() {
    }

    /** Every problem of {@code data} against {@code schema}, each with the JSON Pointer of its place. */
    public static List<FieldError> problems(JsonValue.JsonObject schema, JsonValue data) {
        List<FieldError> problems = new ArrayList<>();
        check(schema, data, "", problems);
        return problems;
    }

    private static void check(JsonValue.JsonObject schema, JsonValue value, String pointer, List<FieldError> problems) {
        String where = pointer;
        JsonValue type = schema.get("type");
        if (type != null && !matchesType(type, value)) {
            problems.add(new FieldError(where, "must be " + describe(type)));
            return;
        }
        JsonValue enumeration = schema.get("enum");
        if (enumeration instanceof JsonValue.JsonArray options && !options.elements().contains(value)) {
            problems.add(new FieldError(where, "must be one of " + options.canonical()));
        }
        JsonValue constant = schema.get("const");
        if (constant != null && !constant.equals(value)) {
            problems.add(new FieldError(where, "must be " + constant.canonical()));
        }
        if (value instanceof JsonValue.JsonString text) {
            int length = text.value().codePointCount(0, text.value().length());
            if (number(schema, "minLength") != null && length < number(schema, "minLength")) {
                problems.add(new FieldError(where, "must hold at least " + whole(number(schema, "minLength")) + " characters"));
            }
            if (number(schema, "maxLength") != null && length > number(schema, "maxLength")) {
                problems.add(new FieldError(where, "must hold at most " + whole(number(schema, "maxLength")) + " characters"));
            }
        }
        if (value instanceof JsonValue.JsonNumber n) {
            if (number(schema, "minimum") != null && n.value() < number(schema, "minimum")) {
                problems.add(new FieldError(where, "must be at least " + number(schema, "minimum")));
            }
            if (number(schema, "maximum") != null && n.value() > number(schema, "maximum")) {
                problems.add(new FieldError(where, "must be at most " + number(schema, "maximum")));
            }
        }
        if (value instanceof JsonValue.JsonObject object) {
            checkObject(schema, object, pointer, problems);
        }
        if (value instanceof JsonValue.JsonArray array && schema.get("items") instanceof JsonValue.JsonObject items) {
            for (int i = 0; i < array.elements().size(); i++) {
                check(items, array.elements().get(i), FieldError.child(pointer, i), problems);
            }
        }
    }

    private static void checkObject(JsonValue.JsonObject schema, JsonValue.JsonObject object, String pointer,
            List<FieldError> problems) {
        if (schema.get("required") instanceof JsonValue.JsonArray required) {
            for (JsonValue name : required.elements()) {
                if (name instanceof JsonValue.JsonString member && object.get(member.value()) == null) {
                    problems.add(new FieldError(FieldError.child(pointer, member.value()), "is required"));
                }
            }
        }
        Map<String, JsonValue> properties = schema.get("properties") instanceof JsonValue.JsonObject declared
                ? declared.members() : Map.of();
        boolean closed = JsonValue.JsonBoolean.class.isInstance(schema.get("additionalProperties"))
                && !((JsonValue.JsonBoolean) schema.get("additionalProperties")).value();
        for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
            JsonValue memberSchema = properties.get(member.getKey());
            String at = FieldError.child(pointer, member.getKey());
            if (memberSchema instanceof JsonValue.JsonObject nested) {
                check(nested, member.getValue(), at, problems);
            } else if (memberSchema == null && closed) {
                problems.add(new FieldError(at, "is not expected here"));
            }
        }
    }

    private static boolean matchesType(JsonValue type, JsonValue value) {
        if (type instanceof JsonValue.JsonArray types) {
            for (JsonValue one : types.elements()) {
                if (matchesType(one, value)) {
                    return true;
                }
            }
            return false;
        }
        if (!(type instanceof JsonValue.JsonString name)) {
            return true;
        }
        switch (name.value()) {
            case "object":
                return value instanceof JsonValue.JsonObject;
            case "array":
                return value instanceof JsonValue.JsonArray;
            case "string":
                return value instanceof JsonValue.JsonString;
            case "number":
                return value instanceof JsonValue.JsonNumber;
            case "integer":
                return value instanceof JsonValue.JsonNumber n && n.value() == Math.rint(n.value())
                        && !Double.isInfinite(n.value());
            case "boolean":
                return value instanceof JsonValue.JsonBoolean;
            case "null":
                return value instanceof JsonValue.JsonNull;
            default:
                return true;
        }
    }

    private static String describe(JsonValue type) {
        if (type instanceof JsonValue.JsonString name) {
            String article = name.value().startsWith("a") || name.value().startsWith("o") || name.value().startsWith("i")
                    ? "an " : "a ";
            return name.value().equals("null") ? "null" : article + name.value();
        }
        if (type instanceof JsonValue.JsonArray types) {
            List<String> names = new ArrayList<>();
            for (JsonValue one : types.elements()) {
                names.add(describe(one));
            }
            return String.join(" or ", names);
        }
        return "valid";
    }

    private static Double number(JsonValue.JsonObject schema, String keyword) {
        return schema.get(keyword) instanceof JsonValue.JsonNumber n ? n.value() : null;
    }

    private static String whole(double value) {
        return Long.toString((long) value);
    }
}
