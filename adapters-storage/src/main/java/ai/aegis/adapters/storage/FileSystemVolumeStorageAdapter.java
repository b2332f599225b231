package ai.aegis.adapters.storage;

import ai.aegis.application.port.out.VolumeStoragePort;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.error.UnavailableException;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.volume.VolumeFile;
import ai.aegis.domain.volume.VolumeId;
import ai.aegis.domain.volume.VolumePath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Volumes as directories: {@code root/<tenant>/<volume-id>/}, private to the service's user. That
 * directory is what a sandbox binds as {@code /workspace}, so anything in it may have been planted
 * by agent code, links included. Every operation therefore walks from the volume directory one
 * name at a time through {@link SecureDirectoryStream} handles opened with
 * {@link LinkOption#NOFOLLOW_LINKS} ({@code openat} with {@code O_NOFOLLOW}): a link where a folder
 * should be is refused, a link where a file should be is neither read nor followed (a write replaces
 * the link itself), and nothing a path names can lie outside its volume even if the tree changes
 * while the operation runs.
 *
 * <p>A write goes to a fresh temporary file in the target's folder, is forced to disk, then renamed
 * over the target ({@code renameat}, atomic); on any failure the temporary file is removed and the
 * old file is untouched. Temporary names start with {@value #TEMP_PREFIX} and are never listed.
 * Folders missing on a write's path are created by path and then entered through the handle without
 * following links, so a swap made in between can at worst leave an empty folder, never a file,
 * outside the volume.
 */
public final class FileSystemVolumeStorageAdapter implements VolumeStoragePort {

    static final String TEMP_PREFIX = ".aegis-tmp-";

    private final Path root;

    /**
     * @param root the directory holding every tenant's volumes (for {@code aegis serve},
     *     {@code <data-dir>/volumes}); created if missing
     * @throws UnavailableException {@code volume.storage_unavailable} when it cannot be created or
     *     the platform cannot open directories without following links
     */
    public FileSystemVolumeStorageAdapter(Path root) {
        Objects.requireNonNull(root, "root");
        try {
            Files.createDirectories(root);
            this.root = root.toRealPath();
            restrictToOwner(this.root);
            try (DirectoryStream<Path> probe = Files.newDirectoryStream(this.root)) {
                if (!(probe instanceof SecureDirectoryStream)) {
                    throw new UnavailableException("volume.storage_unavailable", "this platform cannot open folders "
                            + "without following links, so volumes cannot be stored safely here");
                }
            }
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    /** The directory holding every tenant's volumes. */
    public Path root() {
        return root;
    }

    @Override
    public void createVolume(TenantId tenantId, VolumeId id) {
        Path directory = directory(tenantId, id);
        try {
            Files.createDirectories(directory.getParent());
            restrictToOwner(directory.getParent());
            try {
                Files.createDirectory(directory);
                restrictToOwner(directory);
            } catch (FileAlreadyExistsException exists) {
                if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                    throw new PreconditionFailedException("volume.path_conflict",
                            "the volume's directory is taken by something else");
                }
            }
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void writeFile(TenantId tenantId, VolumeId id, VolumePath path, byte[] content) {
        Objects.requireNonNull(content, "content");
        List<String> segments = path.segments();
        String name = segments.get(segments.size() - 1);
        if (segments.stream().anyMatch(segment -> segment.startsWith(TEMP_PREFIX))) {
            throw new PreconditionFailedException("volume.path_reserved",
                    "names starting with " + TEMP_PREFIX + " are reserved for the volume store's temporary files");
        }
        if (!Files.isDirectory(directory(tenantId, id), LinkOption.NOFOLLOW_LINKS)) {
            createVolume(tenantId, id);
        }
        try (SecureDirectoryStream<Path> volume = openVolume(tenantId, id)) {
            SecureDirectoryStream<Path> folder = volume;
            List<SecureDirectoryStream<Path>> opened = new ArrayList<>();
            try {
                Path absolute = directory(tenantId, id);
                for (String segment : segments.subList(0, segments.size() - 1)) {
                    absolute = absolute.resolve(segment);
                    folder = enterOrCreate(folder, segment, absolute);
                    opened.add(folder);
                }
                Optional<BasicFileAttributes> existing = attributes(folder, name);
                if (existing.isPresent() && existing.get().isDirectory()) {
                    throw new PreconditionFailedException("volume.path_conflict", path + " is a folder, not a file");
                }
                replace(folder, name, content);
            } finally {
                for (SecureDirectoryStream<Path> stream : opened) {
                    closeQuietly(stream);
                }
            }
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Optional<Long> fileSize(TenantId tenantId, VolumeId id, VolumePath path) {
        return withParent(tenantId, id, path, (folder, name) -> attributes(folder, name)
                .filter(BasicFileAttributes::isRegularFile)
                .map(BasicFileAttributes::size))
                .flatMap(size -> size);
    }

    @Override
    public byte[] readFile(TenantId tenantId, VolumeId id, VolumePath path) {
        return withParent(tenantId, id, path, (folder, name) -> {
            if (attributes(folder, name).filter(BasicFileAttributes::isRegularFile).isEmpty()) {
                return Optional.<byte[]>empty();
            }
            Set<OpenOption> options = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            try (SeekableByteChannel channel = folder.newByteChannel(Path.of(name), options);
                 InputStream in = Channels.newInputStream(channel)) {
                return Optional.of(in.readAllBytes());
            }
        }).flatMap(content -> content)
                .orElseThrow(() -> new NotFoundException("volume.file_not_found", "no file " + path + " in this volume"));
    }

    @Override
    public List<VolumeFile> listFiles(TenantId tenantId, VolumeId id) {
        List<VolumeFile> files = new ArrayList<>();
        try (SecureDirectoryStream<Path> volume = openVolume(tenantId, id)) {
            collect(volume, "", files);
        } catch (NoSuchFileException missing) {
            return List.of();
        } catch (IOException e) {
            throw unavailable(e);
        }
        files.sort(Comparator.comparing(file -> file.path().value()));
        return files;
    }

    @Override
    public void deleteVolume(TenantId tenantId, VolumeId id) {
        try (SecureDirectoryStream<Path> tenant = open(root, tenantId.value())) {
            Optional<BasicFileAttributes> volume = attributes(tenant, id.value());
            if (volume.isEmpty()) {
                return;
            }
            if (volume.get().isDirectory()) {
                try (SecureDirectoryStream<Path> contents = tenant.newDirectoryStream(Path.of(id.value()),
                        LinkOption.NOFOLLOW_LINKS)) {
                    deleteContents(contents);
                }
                tenant.deleteDirectory(Path.of(id.value()));
            } else {
                tenant.deleteFile(Path.of(id.value()));
            }
        } catch (NoSuchFileException alreadyGone) {
            return;
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Path directory(TenantId tenantId, VolumeId id) {
        // Both names are validated to contain no separator and no dot segment.
        return root.resolve(tenantId.value()).resolve(id.value());
    }

    private SecureDirectoryStream<Path> openVolume(TenantId tenantId, VolumeId id) throws IOException {
        try (SecureDirectoryStream<Path> tenant = open(root, tenantId.value())) {
            return tenant.newDirectoryStream(Path.of(id.value()), LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static SecureDirectoryStream<Path> open(Path parent, String name) throws IOException {
        try (SecureDirectoryStream<Path> parentStream = (SecureDirectoryStream<Path>) Files.newDirectoryStream(parent)) {
            return parentStream.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static SecureDirectoryStream<Path> enterOrCreate(SecureDirectoryStream<Path> folder, String segment,
                                                             Path absolute) throws IOException {
        Optional<BasicFileAttributes> existing = attributes(folder, segment);
        if (existing.isEmpty()) {
            try {
                Files.createDirectory(absolute);
            } catch (FileAlreadyExistsException raced) {
                // Someone created it meanwhile; what it is gets checked below like any existing entry.
            }
            existing = attributes(folder, segment);
        }
        if (existing.isEmpty() || !existing.get().isDirectory()) {
            String what = existing.isPresent() && existing.get().isSymbolicLink() ? "a link" : "a file";
            throw new PreconditionFailedException("volume.path_conflict",
                    segment + " on that path is " + what + ", not a folder; links are never followed");
        }
        return folder.newDirectoryStream(Path.of(segment), LinkOption.NOFOLLOW_LINKS);
    }

    private static void replace(SecureDirectoryStream<Path> folder, String name, byte[] content) throws IOException {
        Path temp = Path.of(TEMP_PREFIX + UUID.randomUUID());
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        boolean moved = false;
        try {
            try (SeekableByteChannel channel = folder.newByteChannel(temp, options,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (channel instanceof java.nio.channels.FileChannel file) {
                    file.force(true);
                }
            }
            folder.move(temp, folder, Path.of(name));
            moved = true;
        } finally {
            if (!moved) {
                try {
                    folder.deleteFile(temp);
                } catch (IOException cleanup) {
                    // The temporary file was never created or is already gone; it is never listed either way.
                }
            }
        }
    }

    /** Runs {@code work} on the folder holding {@code path}'s last segment; empty when that folder is not there. */
    private <T> Optional<T> withParent(TenantId tenantId, VolumeId id, VolumePath path, FolderWork<T> work) {
        List<String> segments = path.segments();
        List<SecureDirectoryStream<Path>> opened = new ArrayList<>();
        try {
            SecureDirectoryStream<Path> folder = openVolume(tenantId, id);
            opened.add(folder);
            for (String segment : segments.subList(0, segments.size() - 1)) {
                Optional<BasicFileAttributes> entry = attributes(folder, segment);
                if (entry.isEmpty() || !entry.get().isDirectory()) {
                    return Optional.empty();
                }
                folder = folder.newDirectoryStream(Path.of(segment), LinkOption.NOFOLLOW_LINKS);
                opened.add(folder);
            }
            return Optional.of(work.apply(folder, segments.get(segments.size() - 1)));
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        } catch (IOException e) {
            throw unavailable(e);
        } finally {
            for (SecureDirectoryStream<Path> stream : opened) {
                closeQuietly(stream);
            }
        }
    }

    @FunctionalInterface
    private interface FolderWork<T> {
        T apply(SecureDirectoryStream<Path> folder, String name) throws IOException;
    }

    private static void collect(SecureDirectoryStream<Path> folder, String prefix, List<VolumeFile> files)
            throws IOException {
        for (Path entry : folder) {
            String name = entry.getFileName().toString();
            if (name.startsWith(TEMP_PREFIX)) {
                continue;
            }
            Optional<BasicFileAttributes> attributes = attributes(folder, name);
            if (attributes.isEmpty()) {
                continue;
            }
            String relative = prefix.isEmpty() ? name : prefix + "/" + name;
            Optional<VolumePath> path = listable(relative);
            if (path.isEmpty()) {
                continue;
            }
            if (attributes.get().isDirectory()) {
                try (SecureDirectoryStream<Path> inner = folder.newDirectoryStream(Path.of(name),
                        LinkOption.NOFOLLOW_LINKS)) {
                    collect(inner, relative, files);
                }
            } else if (attributes.get().isRegularFile()) {
                files.add(new VolumeFile(path.get(), attributes.get().size()));
            }
        }
    }

    /**
     * The path of an entry found on disk, or empty when no caller could name it (agent code may create
     * names with control characters or backslashes, or paths longer than a {@link VolumePath} may be):
     * such entries are skipped, never an error.
     */
    private static Optional<VolumePath> listable(String relative) {
        try {
            VolumePath path = VolumePath.of(relative);
            return path.value().equals(relative) ? Optional.of(path) : Optional.empty();
        } catch (InvalidInputException unnameable) {
            return Optional.empty();
        }
    }

    private static void deleteContents(SecureDirectoryStream<Path> folder) throws IOException {
        List<String> names = new ArrayList<>();
        for (Path entry : folder) {
            names.add(entry.getFileName().toString());
        }
        for (String name : names) {
            Optional<BasicFileAttributes> attributes = attributes(folder, name);
            if (attributes.isEmpty()) {
                continue;
            }
            if (attributes.get().isDirectory()) {
                try (SecureDirectoryStream<Path> inner = folder.newDirectoryStream(Path.of(name),
                        LinkOption.NOFOLLOW_LINKS)) {
                    deleteContents(inner);
                }
                folder.deleteDirectory(Path.of(name));
            } else {
                folder.deleteFile(Path.of(name));
            }
        }
    }

    /** The entry's own attributes (a link's, not its target's); empty when there is no such entry. */
    private static Optional<BasicFileAttributes> attributes(SecureDirectoryStream<Path> folder, String name)
            throws IOException {
        try {
            return Optional.of(folder.getFileAttributeView(Path.of(name), BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).readAttributes());
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        }
    }

    private static void restrictToOwner(Path directory) throws IOException {
        if (Files.getFileStore(directory).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static void closeQuietly(SecureDirectoryStream<Path> stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // Closing a directory handle only releases it; nothing was written through it.
        }
    }

    private static UnavailableException unavailable(IOException e) {
        return new UnavailableException("volume.storage_unavailable",
                "the volume store could not complete that just now; nothing was changed, try again shortly", e);
    }
}
