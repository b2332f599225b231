package ai.aegis.bootstrap.node;

import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.UnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The {@code fs.*} tools of one execution, run by the node after SEAL allowed the call, confined to
 * the execution's workspace: paths are {@code /workspace/…} (or relative to it); {@code ..}, other
 * absolute paths and symbolic links are refused, so a call can never reach outside the workspace.
 */
final class WorkspaceTools {

    /** The largest file {@code fs.read} returns and {@code fs.write} accepts. */
    static final int MAX_FILE_CHARS = 1024 * 1024;

    private final Path workspace;

    WorkspaceTools(Path workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace").toAbsolutePath().normalize();
    }

    /** Runs {@code tool} with its (already verified) arguments; answers the result as a JSON-ready map. */
    Map<String, Object> run(String tool, Map<String, Object> arguments) {
        switch (tool) {
            case "fs.read":
                return read(path(arguments));
            case "fs.write":
                return write(path(arguments), text(arguments, "content"));
            case "fs.list":
                return list(arguments.containsKey("path") ? path(arguments) : workspace);
            case "fs.delete":
                return delete(path(arguments));
            default:
                throw new UnavailableException("node.tool_not_offered", tool + " is not offered to programs on this node;"
                        + " it runs fs.read, fs.write, fs.list and fs.delete on /workspace");
        }
    }

    private Map<String, Object> read(Path file) {
        try {
            requireNoLink(file);
            if (Files.size(file) > MAX_FILE_CHARS) {
                throw new InvalidInputException("fs.too_large", "the file is larger than " + MAX_FILE_CHARS + " bytes");
            }
            return Map.of("path", shown(file), "content", Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new NotFoundException("fs.not_found", shown(file) + " does not exist");
        } catch (IOException e) {
            throw new UnavailableException("fs.failed", "reading " + shown(file) + " failed");
        }
    }

    private Map<String, Object> write(Path file, String content) {
        if (content.length() > MAX_FILE_CHARS) {
            throw new InvalidInputException("fs.too_large", "the content is longer than " + MAX_FILE_CHARS + " characters");
        }
        try {
            Files.createDirectories(file.getParent());
            requireNoLink(file.getParent());
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                requireNoLink(file);
            }
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return Map.of("path", shown(file), "bytes", content.getBytes(StandardCharsets.UTF_8).length);
        } catch (IOException e) {
            throw new UnavailableException("fs.failed", "writing " + shown(file) + " failed");
        }
    }

    private Map<String, Object> list(Path dir) {
        List<Map<String, Object>> entries = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            requireNoLink(dir);
            children.sorted().limit(1000).forEach(child -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", child.getFileName().toString());
                entry.put("directory", Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS));
                entries.add(entry);
            });
            return Map.of("path", shown(dir), "entries", entries);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("fs.not_found", shown(dir) + " does not exist");
        } catch (IOException e) {
            throw new UnavailableException("fs.failed", "listing " + shown(dir) + " failed");
        }
    }

    private Map<String, Object> delete(Path file) {
        if (file.equals(workspace)) {
            throw new AccessDeniedException("fs.outside_workspace", "the workspace itself cannot be deleted");
        }
        try {
            requireNoLink(file.getParent());
            return Map.of("path", shown(file), "deleted", Files.deleteIfExists(file));
        } catch (IOException e) {
            throw new UnavailableException("fs.failed", "deleting " + shown(file) + " failed (a directory must be empty)");
        }
    }

    /** The workspace path named by the {@code path} argument, refusing anything outside the workspace. */
    private Path path(Map<String, Object> arguments) {
        String given = text(arguments, "path");
        String relative = given.equals("/workspace") ? "" : given.startsWith("/workspace/")
                ? given.substring("/workspace/".length()) : given;
        if (relative.startsWith("/")) {
            throw new AccessDeniedException("fs.outside_workspace", given + " is outside /workspace");
        }
        Path resolved = workspace.resolve(relative).normalize();
        if (!resolved.startsWith(workspace)) {
            throw new AccessDeniedException("fs.outside_workspace", given + " is outside /workspace");
        }
        return resolved;
    }

    /** Refuses a path that is, or passes through, a symbolic link: it could point anywhere on the node. */
    private void requireNoLink(Path path) throws IOException {
        for (Path at = path; at != null && at.startsWith(workspace) && !at.equals(workspace); at = at.getParent()) {
            if (Files.isSymbolicLink(at)) {
                throw new AccessDeniedException("fs.outside_workspace", shown(path) + " goes through a symbolic link");
            }
        }
    }

    private String shown(Path path) {
        String relative = workspace.relativize(path).toString();
        return relative.isEmpty() ? "/workspace" : "/workspace/" + relative;
    }

    private static String text(Map<String, Object> arguments, String name) {
        Object value = arguments.get(name);
        if (!(value instanceof String text)) {
            throw new InvalidInputException("fs.argument_missing", "the argument '" + name + "' (text) is missing");
        }
        return text;
    }
}
