package ai.aegis.domain.registry;

import java.util.Objects;

/**
 * One problem with a manifest document: where (an RFC 6901 JSON Pointer into the document, such as
 * {@code /validation/expected_output}; empty for the document as a whole) and what, in a plain
 * sentence a person can act on (no parser internals).
 */
public record FieldError(String pointer, String message) {

    public FieldError {
        Objects.requireNonNull(pointer, "pointer");
        if (!pointer.isEmpty() && !pointer.startsWith("/")) {
            throw new IllegalArgumentException("a JSON pointer is empty or starts with /");
        }
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a field error says what is wrong");
        }
    }

    /** The pointer of member {@code name} under {@code parent}, escaped as RFC 6901 requires. */
    public static String child(String parent, String name) {
        return parent + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    /** The pointer of element {@code index} under {@code parent}. */
    public static String child(String parent, int index) {
        return parent + "/" + index;
    }

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "(document)" : pointer) + ": " + message;
    }
}
