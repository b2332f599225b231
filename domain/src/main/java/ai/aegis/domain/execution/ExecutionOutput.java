package ai.aegis.domain.execution;

import java.util.List;
import java.util.Objects;

/**
 * What an execution's last run produced, as its node reported it when the execution ended: the
 * standard output (the result a person asked for), the end of the standard error, the exit code,
 * and the files left in its workspace.
 *
 * <p>Invariants: at most {@link #MAX_STDOUT_CHARS} characters of output (the beginning is kept),
 * {@link #MAX_STDERR_CHARS} of error output (the end is kept, where the error is), {@link #MAX_FILES}
 * file names of at most {@link #MAX_FILE_NAME_CHARS} characters each; {@code truncated} says whether
 * anything was cut, here or by the node.
 */
public record ExecutionOutput(String stdout, String stderr, int exitCode, boolean truncated, List<String> files) {

    public static final int MAX_STDOUT_CHARS = 65_536;
    public static final int MAX_STDERR_CHARS = 8_192;
    public static final int MAX_FILES = 200;
    public static final int MAX_FILE_NAME_CHARS = 512;

    public ExecutionOutput {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(files, "files");
        files = List.copyOf(files);
        if (stdout.length() > MAX_STDOUT_CHARS || stderr.length() > MAX_STDERR_CHARS || files.size() > MAX_FILES
                || files.stream().anyMatch(name -> name.isBlank() || name.length() > MAX_FILE_NAME_CHARS)) {
            throw new IllegalArgumentException("an execution output beyond its limits: build it with ExecutionOutput.of");
        }
    }

    /** The output of a run, cut to the limits (output from its start, errors from their end, the first files). */
    public static ExecutionOutput of(String stdout, String stderr, int exitCode, boolean truncated, List<String> files) {
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
        return new ExecutionOutput(out, err, exitCode, cut, names);
    }
}
