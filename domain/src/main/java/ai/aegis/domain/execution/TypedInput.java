package ai.aegis.domain.execution;

import ai.aegis.domain.error.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One named input of an Execute-mode computation: the program reads it from the JSON object on its
 * standard input under {@code name}.
 *
 * <p>Invariants: the name is an identifier ({@code [A-Za-z_][A-Za-z0-9_]*}, at most 64 characters)
 * and the value is of the declared type; a mismatch is refused naming the input, the declared type
 * and what was given.
 */
public record TypedInput(String name, InputType type, Object value) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    public TypedInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!NAME.matcher(name).matches()) {
            throw new InvalidInputException("execute.input_name_invalid", "input name '" + name + "' is not usable: "
                    + "use letters, digits and underscores, starting with a letter or underscore (at most 64)");
        }
        if (!type.accepts(value)) {
            throw new InvalidInputException("execute.input_type_mismatch", "input '" + name + "' is declared as "
                    + type.slug() + " but the value given is " + InputType.describe(value));
        }
    }
}
