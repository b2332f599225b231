package ai.aegis.bootstrap.node;

import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.error.UnavailableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code fs.*} tools of one execution, run by the node after SEAL allowed the call, confined to
 * the execution's workspace: paths are {@code /workspace/…} (or relative to it).
 *
 * <p>The node may run as root while the program that asks runs in the sandbox and can change the
 * workspace at the same moment, so a check-then-use on path strings could be raced into following a
 * symbolic link out of the workspace. Every step therefore goes through a {@link SecureDirectoryStream}
 * (openat-style, relative to a directory already open) with links never followed: a link anywhere on
 * the way is refused, and what a call touches is always inside the workspace. Files the node creates
 * get the owner of their directory, so the program can change them afterwards.
 */
final class WorkspaceTools {

    /** The largest file {@code fs.read} returns and {@code fs.write} accepts. */
    static final int MAX_FILE_BYTES = 1024 * 1024;

    /** The most entries {@code fs.list} returns. */
    static final int MAX_LIST_ENTRIES = 1000;

    private static final LinkOption NO_LINKS = LinkOption.NOFOLLOW_LINKS;

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
                return list(arguments.containsKey("path") ? path(arguments) : List.of());
            case "fs.delete":
                return delete(path(arguments));
            default:
                throw new UnavailableException("node.tool_not_offered", tool + " is not offered to programs on this node;"
                        + " it runs fs.read, fs.write, fs.list and fs.delete on /workspace");
        }
    }

    private Map<String, Object> read(List<String> path) {
        requireFile(path, "fs.read");
        return inParent(path, dir -> {
            Path name = Path.of(last(path));
            requireRegularFile(dir, name, path);
            try (SeekableByteChannel channel = dir.newByteChannel(name, Set.of(StandardOpenOption.READ, NO_LINKS))) {
                if (channel.size() > MAX_FILE_BYTES) {
                    throw new InvalidInputException("fs.too_large", shown(path) + " is larger than " + MAX_FILE_BYTES
                            + " bytes");
                }
                ByteBuffer content = ByteBuffer.allocate((int) channel.size());
                while (content.hasRemaining() && channel.read(content) > 0) {
                    continue;
                }
                content.flip();
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("path", shown(path));
                result.put("content", utf8(content, path));
                return result;
            }
        });
    }

    private Map<String, Object> write(List<String> path, String content) {
        requireFile(path, "fs.write");
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_FILE_BYTES) {
            throw new InvalidInputException("fs.too_large", "the content is longer than " + MAX_FILE_BYTES + " bytes");
        }
        return inParent(path, dir -> {
            Path name = Path.of(last(path));
            if (exists(dir, name)) {
                requireRegularFile(dir, name, path);
            }
            Set<OpenOption> options = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, NO_LINKS);
            try (SeekableByteChannel channel = dir.newByteChannel(name, options)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            giveToDirectoryOwner(dir, name);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("path", shown(path));
            result.put("bytes", bytes.length);
            return result;
        });
    }

    private Map<String, Object> list(List<String> path) {
        return inDirectory(path, dir -> {
            List<Map<String, Object>> entries = new ArrayList<>();
            for (Path child : dir) {
                if (entries.size() == MAX_LIST_ENTRIES) {
                    break;
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", child.getFileName().toString());
                entry.put("directory", attributes(dir, child.getFileName()).isDirectory());
                entries.add(entry);
            }
            entries.sort((a, b) -> ((String) a.get("name")).compareTo((String) b.get("name")));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("path", shown(path));
            result.put("entries", entries);
            return result;
        });
    }

    private Map<String, Object> delete(List<String> path) {
        if (path.isEmpty()) {
            throw new AccessDeniedException("fs.outside_workspace", "the workspace itself cannot be deleted");
        }
        return inParent(path, dir -> {
            Path name = Path.of(last(path));
            boolean deleted = exists(dir, name);
            if (deleted) {
                if (attributes(dir, name).isDirectory()) {
                    dir.deleteDirectory(name);
                } else {
                    dir.deleteFile(name);
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("path", shown(path));
            result.put("deleted", deleted);
            return result;
        });
    }

    /** Opens the directory holding the last component of {@code path} and runs {@code action} in it. */
    private <T> T inParent(List<String> path, DirectoryAction<T> action) {
        return inDirectory(path.subList(0, path.size() - 1), action);
    }

    /** Opens {@code directory}, component by component without following links, and runs {@code action} in it. */
    private <T> T inDirectory(List<String> directory, DirectoryAction<T> action) {
        List<SecureDirectoryStream<Path>> opened = new ArrayList<>();
        try {
            DirectoryStream<Path> root = Files.newDirectoryStream(workspace);
            if (!(root instanceof SecureDirectoryStream<Path> secure)) {
                root.close();
                throw new UnavailableException("node.fs_unconfinable",
                        "this node's file system cannot confine tool calls to the workspace, so fs tools are off");
            }
            opened.add(secure);
            for (int i = 0; i < directory.size(); i++) {
                SecureDirectoryStream<Path> parent = opened.get(opened.size() - 1);
                Path name = Path.of(directory.get(i));
                List<String> sofar = directory.subList(0, i + 1);
                if (!exists(parent, name)) {
                    throw new PreconditionFailedException("fs.directory_missing", shown(sofar)
                            + " does not exist; the program creates directories itself (fs.write writes files only)");
                }
                BasicFileAttributes attributes = attributes(parent, name);
                if (attributes.isSymbolicLink()) {
                    throw new AccessDeniedException("fs.outside_workspace", shown(sofar) + " is a symbolic link;"
                            + " tool calls never follow links");
                }
                if (!attributes.isDirectory()) {
                    throw new PreconditionFailedException("fs.not_a_directory", shown(sofar) + " is not a directory");
                }
                opened.add(parent.newDirectoryStream(name, NO_LINKS));
            }
            return action.run(opened.get(opened.size() - 1));
        } catch (NoSuchFileException e) {
            throw new NotFoundException("fs.not_found", "a part of " + shown(directory) + " does not exist");
        } catch (NotDirectoryException e) {
            throw new PreconditionFailedException("fs.not_a_directory", "a part of " + shown(directory)
                    + " is not a directory");
        } catch (DirectoryNotEmptyException e) {
            throw new PreconditionFailedException("fs.directory_not_empty", "a directory must be empty to be deleted");
        } catch (FileSystemException e) {
            // ELOOP from O_NOFOLLOW: a component turned into a link between the check and the open.
            throw new AccessDeniedException("fs.outside_workspace", "a part of " + shown(directory)
                    + " cannot be used (it changed into a link, or the file system refused); tool calls never follow links");
        } catch (IOException e) {
            throw new UnavailableException("fs.failed", "the file operation on " + shown(directory) + " failed");
        } finally {
            for (int i = opened.size() - 1; i >= 0; i--) {
                try {
                    opened.get(i).close();
                } catch (IOException ignored) {
                    // A directory handle that will not close leaks nothing the next call depends on.
                }
            }
        }
    }

    private static boolean exists(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        try {
            attributes(dir, name);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static BasicFileAttributes attributes(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        return dir.getFileAttributeView(name, PosixFileAttributeView.class, NO_LINKS).readAttributes();
    }

    private void requireRegularFile(SecureDirectoryStream<Path> dir, Path name, List<String> path) throws IOException {
        BasicFileAttributes attributes = attributes(dir, name);
        if (attributes.isSymbolicLink()) {
            throw new AccessDeniedException("fs.outside_workspace", shown(path) + " is a symbolic link;"
                    + " tool calls never follow links");
        }
        if (!attributes.isRegularFile()) {
            throw new PreconditionFailedException("fs.not_a_file", shown(path) + " is not a regular file");
        }
    }

    /** A root node writes as root; the file goes to whoever owns its directory (the sandbox user). */
    private static void giveToDirectoryOwner(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        PosixFileAttributes directory = dir.getFileAttributeView(PosixFileAttributeView.class).readAttributes();
        PosixFileAttributeView file = dir.getFileAttributeView(name, PosixFileAttributeView.class, NO_LINKS);
        PosixFileAttributes current = file.readAttributes();
        if (!current.owner().equals(directory.owner())) {
            file.setOwner(directory.owner());
        }
        if (!current.group().equals(directory.group())) {
            file.setGroup(directory.group());
        }
    }

    private String utf8(ByteBuffer content, List<String> path) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(content).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("fs.not_text", shown(path) + " is not UTF-8 text");
        }
    }

    /** The workspace-relative components named by the {@code path} argument, refusing anything outside. */
    private static List<String> path(Map<String, Object> arguments) {
        String given = text(arguments, "path");
        String relative = given.equals("/workspace") ? "" : given.startsWith("/workspace/")
                ? given.substring("/workspace/".length()) : given;
        if (relative.startsWith("/")) {
            throw new AccessDeniedException("fs.outside_workspace", given + " is outside /workspace");
        }
        List<String> components = new ArrayList<>();
        for (String part : relative.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") || part.indexOf('\0') >= 0) {
                throw new AccessDeniedException("fs.outside_workspace", given + " leaves /workspace (\"..\" is refused)");
            }
            components.add(part);
        }
        return List.copyOf(components);
    }

    private static void requireFile(List<String> path, String tool) {
        if (path.isEmpty()) {
            throw new InvalidInputException("fs.not_a_file", tool + " needs a file path inside /workspace");
        }
    }

    private static String last(List<String> path) {
        return path.get(path.size() - 1);
    }

    private static String shown(List<String> path) {
        return path.isEmpty() ? "/workspace" : "/workspace/" + String.join("/", path);
    }

    private static String text(Map<String, Object> arguments, String name) {
        Object value = arguments.get(name);
        if (!(value instanceof String text)) {
            throw new InvalidInputException("fs.argument_missing", "the argument '" + name + "' (text) is missing");
        }
        return text;
    }

    @FunctionalInterface
    private interface DirectoryAction<T> {
        T run(SecureDirectoryStream<Path> directory) throws IOException;
    }
}
