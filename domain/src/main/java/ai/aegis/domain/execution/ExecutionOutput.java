package ai.aegis.domain.execution;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an execution's last run produced, as its node reported it when the execution ended: the
 * standard output (the result a person asked for), the end of the standard error, the exit code,
 * the files left in its workspace, and the contents of the small text files among them.
 *
 * <p>Invariants: at most {@link #MAX_STDOUT_CHARS} characters of output (the beginning is kept),
 * {@link #MAX_STDERR_CHARS} of error output (the end is kept, where the error is), {@link #MAX_FILES}
 * file names of at most {@link #MAX_FILE_NAME_CHARS} characters each; {@code texts} holds contents
 * only of listed files, each at most {@link #MAX_TEXT_CHARS} characters and all together at most
 * {@link #MAX_TEXTS_CHARS}; {@code truncated} says whether anything was cut, here or by the node.
 */
public record ExecutionOutput(String stdout, String stderr, int exitCode, boolean truncated, List<String> files,
        Map<String, String> texts) {

    public static final int MAX_STDOUT_CHARS = 65_536;
    public static final int MAX_STDERR_CHARS = 8_192;
    public static final int MAX_FILES = 200;
    public static final int MAX_FILE_NAME_CHARS = 512;
    public static final int MAX_TEXT_CHARS = 65_536;
    public static final int MAX_TEXTS_CHARS = 262_144;

    public ExecutionOutput {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(texts, "texts");
        files = List.copyOf(files);
        texts = Collections.unmodifiableMap(new TreeMap<>(texts));
        int textChars = texts.values().stream().mapToInt(String::length).sum();
        if (!files.containsAll(texts.keySet()) || textChars > MAX_TEXTS_CHARS
                || texts.values().stream().anyMatch(text -> text.length() > MAX_TEXT_CHARS)) {
            throw new IllegalArgumentException("file contents beyond their limits or of unlisted files: build it with"
                    + " ExecutionOutput.of");
        }
        if (stdout.length() > MAX_STDOUT_CHARS || stderr.length() > MAX_STDERR_CHARS || files.size() > MAX_FILES
                || files.stream().anyMatch(name -> name.isBlank() || name.length() > MAX_FILE_NAME_CHARS)) {
            throw new IllegalArgumentException("an execution output beyond its limits: build it with ExecutionOutput.of");
        }
    }

    /** Output without file contents. */
    public ExecutionOutput(String stdout, String stderr, int exitCode, boolean truncated, List<String> files) {
        this(stdout, stderr, exitCode, truncated, files, Map.of());
    }

    /** The output of a run without file contents, cut to the limits. */
    public static ExecutionOutput of(String stdout, String stderr, int exitCode, boolean truncated, List<String> files) {
        return of(stdout, stderr, exitCode, truncated, files, Map.of());
    }

    /**
     * The output of a run, cut to the limits: output from its start, errors from their end, the first
     * files, and the contents of those files that fit (in name order; a file too large is left out).
     */
    public static ExecutionOutput of(String stdout, String stderr, int exitCode, boolean truncated, List<String> files,
            Map<String, String> texts) {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(files, "files");
        boolean cut = truncated;
        String out = stdout;
        if (out.length() > MAX_STDOUT_CHARS) {
            out = out.substring(0, MAX_STDOUT_CHARS);
            cut = true;
        }
        String err = stderr;
        if (err.length() > MAX_STDERR_CHARS) {
            err = err.substring(err.length() - MAX_STDERR_CHARS);
            cut = true;
        }
        List<String> names = files.stream().filter(name -> !name.isBlank() && name.length() <= MAX_FILE_NAME_CHARS)
                .limit(MAX_FILES).toList();
        if (names.size() < files.size()) {
            cut = true;
        }
        Map<String, String> kept = new TreeMap<>();
        int total = 0;
        for (Map.Entry<String, String> text : new TreeMap<>(Objects.requireNonNull(texts, "texts")).entrySet()) {
            if (!names.contains(text.getKey())) {
                continue;
            }
            if (text.getValue().length() > MAX_TEXT_CHARS || total + text.getValue().length() > MAX_TEXTS_CHARS) {
                cut = true;
                continue;
            }
            kept.put(text.getKey(), text.getValue());
            total += text.getValue().length();
        }
        return new ExecutionOutput(out, err, exitCode, cut, names, kept);
    }
}
