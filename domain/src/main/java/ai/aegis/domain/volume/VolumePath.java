package ai.aegis.domain.volume;

import ai.aegis.domain.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * A file's path inside a volume, relative to its root, in normal form: segments joined by
 * {@code /}, no empty or {@code .} segment, never {@code ..}, never absolute. Invariant: whatever a
 * caller sends, a {@code VolumePath} can only name something inside its volume; {@code a//b/./c}
 * normalises to {@code a/b/c}, while {@code ../x}, {@code /etc/passwd}, backslashes, NUL and
 * other control characters are refused rather than repaired. At most 1,024 characters, each
 * segment at most 255.
 */
public record VolumePath(String value) {

    public static final int MAX_LENGTH = 1024;
    public static final int MAX_SEGMENT = 255;

    public VolumePath {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException("volume.path_missing", "a file path inside the volume is required");
        }
        if (!normalise(value).equals(value)) {
            throw new IllegalArgumentException("use VolumePath.of to normalise a path");
        }
    }

    /**
     * Validates and normalises a relative path.
     *
     * @throws InvalidInputException {@code volume.path_invalid} naming what is wrong
     */
    public static VolumePath of(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidInputException("volume.path_missing", "a file path inside the volume is required");
        }
        return new VolumePath(normalise(raw));
    }

    private static String normalise(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == 0 || c < 0x20 || c == 0x7f) {
                throw invalid("it contains a NUL or control character");
            }
            if (c == '\\') {
                throw invalid("it contains a backslash; separate folders with '/'");
            }
        }
        if (raw.startsWith("/")) {
            throw invalid("it is absolute; give a path relative to the volume, such as data/input.csv");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : raw.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw invalid("'..' would leave the volume");
            }
            if (segment.length() > MAX_SEGMENT) {
                throw invalid("a folder or file name is longer than " + MAX_SEGMENT + " characters");
            }
            segments.add(segment);
        }
        if (segments.isEmpty()) {
            throw invalid("it names the volume itself, not a file in it");
        }
        String joined = String.join("/", segments);
        if (joined.length() > MAX_LENGTH) {
            throw invalid("it is longer than " + MAX_LENGTH + " characters");
        }
        return joined;
    }

    private static InvalidInputException invalid(String why) {
        return new InvalidInputException("volume.path_invalid", "that file path cannot be used: " + why);
    }

    /** The segments, outermost folder first, the file name last. */
    public List<String> segments() {
        return List.of(value.split("/"));
    }

    /** The last segment. */
    public String fileName() {
        int slash = value.lastIndexOf('/');
        return slash < 0 ? value : value.substring(slash + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}
