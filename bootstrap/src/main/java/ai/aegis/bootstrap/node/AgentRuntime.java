package ai.aegis.bootstrap.node;

import ai.aegis.domain.error.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A language the local node runs agent code in: the interpreter (a host program, shown read-only
 * inside the sandbox) and the file the code is written to. A runtime is offered only when its
 * interpreter is installed ({@link #installed()}), which is what {@code aegis.runtime.list} reports.
 */
public enum AgentRuntime {
    PYTHON("python", "Python 3", "/usr/bin/python3", "main.py"),
    SHELL("sh", "POSIX shell", "/bin/sh", "main.sh"),
    BASH("bash", "Bash", "/bin/bash", "main.sh"),
    NODE("node", "JavaScript (Node.js)", "/usr/bin/node", "main.js");

    private final String slug;
    private final String language;
    private final String interpreter;
    private final String fileName;

    AgentRuntime(String slug, String language, String interpreter, String fileName) {
        this.slug = slug;
        this.language = language;
        this.interpreter = interpreter;
        this.fileName = fileName;
    }

    /**
     * The runtime named {@code name} (case-insensitive; {@code python3}, {@code shell}, {@code javascript} accepted).
     *
     * @throws InvalidInputException {@code runtime.unknown} naming the accepted names
     */
    public static AgentRuntime parse(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        switch (key) {
            case "python":
            case "python3":
                return PYTHON;
            case "sh":
            case "shell":
                return SHELL;
            case "bash":
                return BASH;
            case "node":
            case "nodejs":
            case "javascript":
            case "js":
                return NODE;
            default:
                throw new InvalidInputException("runtime.unknown", "unknown runtime " + (key.isEmpty() ? "(none)" : key)
                        + "; use one of " + Arrays.stream(values()).map(AgentRuntime::slug).collect(Collectors.joining(", ")));
        }
    }

    public String slug() {
        return slug;
    }

    /** The language's name for people and prompts. */
    public String language() {
        return language;
    }

    public String fileName() {
        return fileName;
    }

    /** True when the interpreter exists on this machine. */
    public boolean installed() {
        return Files.isExecutable(Path.of(interpreter));
    }

    /** The command that runs the code file inside the sandbox. */
    public List<String> command() {
        return List.of(interpreter, SandboxRun.PROGRAM_DIR + "/" + fileName);
    }
}
