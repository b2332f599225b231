package ai.aegis.domain.execution;

import ai.aegis.domain.error.InvalidInputException;
import java.util.regex.Pattern;

/**
 * The id of one agent execution. Generated outside the domain through an id port. Invariant: 1 to
 * 128 characters of letters, digits, {@code .}, {@code _}, {@code :} and {@code -}.
 */
public record ExecutionId(String value) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public ExecutionId {
        if (value == null || !ID.matcher(value).matches()) {
            throw new InvalidInputException("execution.invalid_id",
                    "execution id must be 1 to 128 letters, digits, '.', '_', ':' or '-'");
        }
    }

    public static ExecutionId of(String value) {
        return new ExecutionId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
