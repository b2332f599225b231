package ai.aegis.bootstrap.node;

import java.time.Duration;
import java.util.Objects;

/**
 * What one program run may use: address space ({@code memoryBytes}, per process), CPU time (per
 * process), the number of processes (against fork bombs), the size of any file it writes, open
 * files, and how much of its standard output and error is kept (the rest is read and dropped).
 * Invariant: every value is positive.
 */
public record SandboxLimits(
        long memoryBytes, Duration cpuTime, int maxProcesses, long maxFileBytes, int maxOpenFiles, int maxOutputBytes) {

    public static final Duration DEFAULT_CPU_TIME = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_PROCESSES = 64;
    public static final long DEFAULT_MAX_FILE_BYTES = 256L * 1024 * 1024;
    public static final int DEFAULT_MAX_OPEN_FILES = 256;
    public static final int DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;

    public SandboxLimits {
        Objects.requireNonNull(cpuTime, "cpuTime");
        if (memoryBytes < 16L * 1024 * 1024) {
            throw new IllegalArgumentException("a sandbox needs at least 16 MiB of memory");
        }
        if (cpuTime.toSeconds() < 1 || maxProcesses < 1 || maxFileBytes < 1 || maxOpenFiles < 8 || maxOutputBytes < 1) {
            throw new IllegalArgumentException("sandbox limits must be positive (CPU time at least one second)");
        }
    }

    /** The defaults with the execution's memory budget. */
    public static SandboxLimits forMemory(long memoryBytes) {
        return new SandboxLimits(memoryBytes, DEFAULT_CPU_TIME, DEFAULT_MAX_PROCESSES, DEFAULT_MAX_FILE_BYTES,
                DEFAULT_MAX_OPEN_FILES, DEFAULT_MAX_OUTPUT_BYTES);
    }

    public SandboxLimits withCpuTime(Duration value) {
        return new SandboxLimits(memoryBytes, value, maxProcesses, maxFileBytes, maxOpenFiles, maxOutputBytes);
    }

    public SandboxLimits withMaxProcesses(int value) {
        return new SandboxLimits(memoryBytes, cpuTime, value, maxFileBytes, maxOpenFiles, maxOutputBytes);
    }

    public SandboxLimits withMaxOutputBytes(int value) {
        return new SandboxLimits(memoryBytes, cpuTime, maxProcesses, maxFileBytes, maxOpenFiles, value);
    }
}
