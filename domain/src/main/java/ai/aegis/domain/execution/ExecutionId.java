package ai.aegis.domain.execution;

import ai.aegis.domain.error.InvalidInputException;

/**
 * The id of one agent execution. Generated outside the domain through an id port. Invariant: 1 to
 * 128 characters of letters, digits, {@code .}, {@code _}, {@code :} and {@code -}.
 */
public record ExecutionId(String value) {

    private static final int MAX_LENGTH = 128;

    public ExecutionId {
        if (value == null || !wellFormed(value)) {
            throw new InvalidInputException("execution.invalid_id",
                    "execution id must be 1 to 128 letters, digits, '.', '_', ':' or '-'");
        }
    }

    /**
     * A loop rather than a regular expression: a cascade maps ids by the ten thousand, and a matcher
     * per id was a visible share of its time.
     */
    private static boolean wellFormed(String value) {
        int length = value.length();
        if (length == 0 || length > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    public static ExecutionId of(String value) {
        return new ExecutionId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
