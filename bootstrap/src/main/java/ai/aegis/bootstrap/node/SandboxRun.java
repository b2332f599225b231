package ai.aegis.bootstrap.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One program run in the sandbox: the host directory that becomes {@code /workspace} (the
 * execution's volume, the only writable place that outlives the run), the program files placed
 * read-only under {@value #PROGRAM_DIR}, the command line (absolute paths as seen inside), the
 * standard input, whether the network is shared (only when the execution's context grants
 * {@code web.*}), the resource limits and the wall-clock time the run may take.
 */
public record SandboxRun(
        Path workspace,
        Map<String, String> programFiles,
        List<String> command,
        String stdin,
        boolean network,
        SandboxLimits limits,
        Duration timeLimit,
        Optional<Path> toolSocketDirectory) {

    /** Where program files appear inside the sandbox. */
    public static final String PROGRAM_DIR = "/sandbox";

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");

    public SandboxRun {
        Objects.requireNonNull(workspace, "workspace");
        programFiles = Map.copyOf(Objects.requireNonNull(programFiles, "programFiles"));
        command = List.copyOf(Objects.requireNonNull(command, "command"));
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(timeLimit, "timeLimit");
        Objects.requireNonNull(toolSocketDirectory, "toolSocketDirectory");
        if (!workspace.isAbsolute()) {
            throw new IllegalArgumentException("the workspace must be an absolute host path");
        }
        if (command.isEmpty() || !command.get(0).startsWith("/")) {
            throw new IllegalArgumentException("the command must start with an absolute program path");
        }
        for (String name : programFiles.keySet()) {
            if (!FILE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("program file names are plain names such as main.py");
            }
        }
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("the time limit must be positive");
        }
    }

    /** A run without a tool-call socket. */
    public SandboxRun(Path workspace, Map<String, String> programFiles, List<String> command, String stdin,
            boolean network, SandboxLimits limits, Duration timeLimit) {
        this(workspace, programFiles, command, stdin, network, limits, timeLimit, Optional.empty());
    }
}
