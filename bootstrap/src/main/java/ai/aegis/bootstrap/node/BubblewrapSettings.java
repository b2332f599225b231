package ai.aegis.bootstrap.node;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where the sandbox's helper programs are and which host user runs sandboxed code when the node
 * itself runs as root. The kernel does not apply the process-count limit to root, so on a root node
 * the program drops to {@code sandboxUid}/{@code sandboxGid} inside the sandbox ({@code setpriv})
 * and enters a user namespace of its own ({@code unshare}), which gives every run its own process
 * count; a non-root node runs code as itself in bubblewrap's user namespace. {@code extraReadOnlyPaths} are host
 * directories shown read-only at the same place (e.g. {@code /opt/node} for a runtime installed
 * there).
 */
public record BubblewrapSettings(
        Path bwrap, Path prlimit, Path setpriv, Path unshare, int sandboxUid, int sandboxGid, List<Path> extraReadOnlyPaths) {

    /** The Debian locations and the {@code nobody} user. */
    public static final BubblewrapSettings DEFAULTS = new BubblewrapSettings(Path.of("/usr/bin/bwrap"),
            Path.of("/usr/bin/prlimit"), Path.of("/usr/bin/setpriv"), Path.of("/usr/bin/unshare"), 65534, 65534, List.of());

    public BubblewrapSettings {
        Objects.requireNonNull(bwrap, "bwrap");
        Objects.requireNonNull(prlimit, "prlimit");
        Objects.requireNonNull(setpriv, "setpriv");
        Objects.requireNonNull(unshare, "unshare");
        extraReadOnlyPaths = List.copyOf(Objects.requireNonNull(extraReadOnlyPaths, "extraReadOnlyPaths"));
        if (sandboxUid <= 0 || sandboxGid <= 0) {
            throw new IllegalArgumentException("sandboxed code never runs as root");
        }
        for (Path path : extraReadOnlyPaths) {
            if (!path.isAbsolute() || path.normalize().equals(Path.of("/"))) {
                throw new IllegalArgumentException("extra read-only paths are absolute directories below /");
            }
        }
    }

    public BubblewrapSettings withBwrap(Path path) {
        return new BubblewrapSettings(path, prlimit, setpriv, unshare, sandboxUid, sandboxGid, extraReadOnlyPaths);
    }
}
