package ai.aegis.domain.execution;

import ai.aegis.domain.error.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The declared type of an Execute-mode input, as JSON names it. A value is accepted when it is of
 * that JSON type; {@link #INTEGER} also accepts whole-valued decimals such as {@code 3.0}.
 */
public enum InputType {
    STRING, NUMBER, INTEGER, BOOLEAN, ARRAY, OBJECT;

    /**
     * The type named {@code name} (case-insensitive).
     *
     * @throws InvalidInputException {@code execute.input_type_unknown} naming the accepted names
     */
    public static InputType parse(String name) {
        for (InputType type : values()) {
            if (type.slug().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return type;
            }
        }
        throw new InvalidInputException("execute.input_type_unknown", "unknown input type '" + name + "'; use one of "
                + Arrays.stream(values()).map(InputType::slug).collect(Collectors.joining(", ")));
    }

    /** The JSON name of the type. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when {@code value} (as a JSON reader gives it: String, Number, Boolean, List, Map) is of this type. */
    public boolean accepts(Object value) {
        switch (this) {
            case STRING:
                return value instanceof String;
            case NUMBER:
                return value instanceof Number;
            case INTEGER:
                return value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                        && !Double.isInfinite(number.doubleValue());
            case BOOLEAN:
                return value instanceof Boolean;
            case ARRAY:
                return value instanceof List<?>;
            case OBJECT:
                return value instanceof Map<?, ?>;
            default:
                throw new IllegalStateException("unhandled input type " + this);
        }
    }

    /** The JSON type of a value, for telling a person what they gave instead. */
    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        for (InputType type : new InputType[] {INTEGER, NUMBER, STRING, BOOLEAN, ARRAY, OBJECT}) {
            if (type.accepts(value)) {
                return type == INTEGER ? "a whole number" : "a " + type.slug();
            }
        }
        return "an unsupported value";
    }
}
