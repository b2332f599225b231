package ai.aegis.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The local state of one installation: embedded database files and development keys. Every
 * command that touches local state takes the same {@code --data-dir}. The directory is private to
 * its owner (0700) because it holds signing keys.
 */
record DataDirectory(Path root) {

    static DataDirectory prepare(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
            if (Files.getFileStore(absolute).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new StartupException("cannot use --data-dir " + absolute + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(absolute)) {
            throw new StartupException("--data-dir " + absolute + " is not writable");
        }
        return new DataDirectory(absolute);
    }

    Path postgres() {
        return root.resolve("postgres");
    }

    Path keys() {
        return root.resolve("keys");
    }
}
