package ai.aegis.domain.security;

import ai.aegis.domain.error.InvalidInputException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A normalised absolute file-system path, as used by path allowlists and path-carrying tool
 * requests. Normalisation resolves {@code .} and {@code ..} segments lexically and collapses
 * duplicate and trailing slashes, so {@code /workspace/../etc/passwd} becomes {@code /etc/passwd}
 * and can never pass as being inside {@code /workspace}. A {@code ..} at the root stays at the root.
 *
 * <p>Invariant: {@code value} starts with {@code /}, has no empty, {@code .} or {@code ..}
 * segment, no trailing slash (except the root itself) and no control character.
 */
public record AbsolutePath(String value) {

    public AbsolutePath {
        if (value == null || !value.equals(normaliseOrNull(value))) {
            throw new InvalidInputException("policy.invalid_path",
                    "path must be absolute and normalised (use AbsolutePath.parse)");
        }
    }

    /**
     * Parses and normalises an absolute path.
     *
     * @throws InvalidInputException when the text is not absolute or contains a control character
     */
    public static AbsolutePath parse(String text) {
        String normalised = normaliseOrNull(text);
        if (normalised == null) {
            throw new InvalidInputException("policy.invalid_path",
                    "path " + quote(text) + " is not an absolute path without control characters");
        }
        return new AbsolutePath(normalised);
    }

    private static String normaliseOrNull(String text) {
        if (text == null || text.isEmpty() || text.charAt(0) != '/' || text.length() > 4096) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return null;
            }
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : text.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(segment);
            }
        }
        return "/" + String.join("/", segments);
    }

    /** True when this path is {@code base} itself or lies below it on a segment boundary. */
    public boolean isWithin(AbsolutePath base) {
        if (base.value.equals("/")) {
            return true;
        }
        return value.equals(base.value) || value.startsWith(base.value + "/");
    }

    static String quote(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder clean = new StringBuilder();
        text.codePoints().filter(c -> !Character.isISOControl(c)).limit(80).forEach(clean::appendCodePoint);
        return clean + (text.length() > 80 ? "…" : "");
    }

    @Override
    public String toString() {
        return value;
    }
}
