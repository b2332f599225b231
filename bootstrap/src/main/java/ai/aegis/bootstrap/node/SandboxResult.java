package ai.aegis.bootstrap.node;

import java.time.Duration;
import java.util.Objects;

/**
 * What a sandboxed run did: how it ended, its exit code (for a program killed by signal n, 128 + n),
 * the kept part of its output, whether output was cut at the cap, and how long it ran.
 */
public record SandboxResult(
        Termination termination,
        int exitCode,
        String stdout,
        String stderr,
        boolean stdoutTruncated,
        boolean stderrTruncated,
        Duration elapsed) {

    /** How a run ended. */
    public enum Termination {
        /** The program ended by itself (possibly killed by a resource limit: see {@link #killedBySignal()}). */
        EXITED,
        /** The run took longer than its wall-clock time limit and was killed with all its processes. */
        TIME_LIMIT,
        /** The execution was cancelled and the run was killed with all its processes. */
        CANCELLED
    }

    public SandboxResult {
        Objects.requireNonNull(termination, "termination");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** True when the program ended by itself with exit code 0. */
    public boolean succeeded() {
        return termination == Termination.EXITED && exitCode == 0;
    }

    /** True when the program was ended by a signal (e.g. the CPU-time limit or a crash on the memory limit). */
    public boolean killedBySignal() {
        return termination == Termination.EXITED && exitCode > 128 && exitCode < 160;
    }
}
