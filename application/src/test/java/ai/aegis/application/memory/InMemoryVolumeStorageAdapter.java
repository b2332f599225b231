package ai.aegis.application.memory;

import ai.aegis.application.port.out.VolumeStoragePort;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.volume.VolumeFile;
import ai.aegis.domain.volume.VolumeId;
import ai.aegis.domain.volume.VolumePath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Volume bytes in memory: per volume, a sorted map from path to content. Folders exist implicitly as
 * prefixes of file paths, with the same conflicts a file system has (a file cannot be a folder).
 * {@link #directory} names a directory under a root that need not exist; tests that need a real
 * directory use the file-system adapter.
 */
public final class InMemoryVolumeStorageAdapter implements VolumeStoragePort {

    private final Path root;
    private final Map<String, TreeMap<String, byte[]>> volumes = new HashMap<>();

    public InMemoryVolumeStorageAdapter(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public InMemoryVolumeStorageAdapter() {
        this(Path.of("/in-memory-volumes"));
    }

    private static String key(TenantId tenantId, VolumeId id) {
        return tenantId.value() + "/" + id.value();
    }

    @Override
    public synchronized void createVolume(TenantId tenantId, VolumeId id) {
        volumes.computeIfAbsent(key(tenantId, id), k -> new TreeMap<>());
    }

    @Override
    public synchronized void writeFile(TenantId tenantId, VolumeId id, VolumePath path, byte[] content) {
        TreeMap<String, byte[]> files = volumes.computeIfAbsent(key(tenantId, id), k -> new TreeMap<>());
        String p = path.value();
        String prefix = "";
        for (String segment : path.segments().subList(0, path.segments().size() - 1)) {
            prefix = prefix.isEmpty() ? segment : prefix + "/" + segment;
            if (files.containsKey(prefix)) {
                throw new PreconditionFailedException("volume.path_conflict", prefix + " is a file, not a folder");
            }
        }
        String sub = files.ceilingKey(p + "/");
        if (sub != null && sub.startsWith(p + "/")) {
            throw new PreconditionFailedException("volume.path_conflict", p + " is a folder, not a file");
        }
        files.put(p, content.clone());
    }

    @Override
    public synchronized Optional<Long> fileSize(TenantId tenantId, VolumeId id, VolumePath path) {
        TreeMap<String, byte[]> files = volumes.get(key(tenantId, id));
        if (files == null || !files.containsKey(path.value())) {
            return Optional.empty();
        }
        return Optional.of((long) files.get(path.value()).length);
    }

    @Override
    public synchronized byte[] readFile(TenantId tenantId, VolumeId id, VolumePath path) {
        TreeMap<String, byte[]> files = volumes.get(key(tenantId, id));
        if (files == null || !files.containsKey(path.value())) {
            throw new NotFoundException("volume.file_not_found", "no file " + path + " in this volume");
        }
        return files.get(path.value()).clone();
    }

    @Override
    public synchronized List<VolumeFile> listFiles(TenantId tenantId, VolumeId id) {
        List<VolumeFile> listed = new ArrayList<>();
        volumes.getOrDefault(key(tenantId, id), new TreeMap<>())
                .forEach((p, content) -> listed.add(new VolumeFile(VolumePath.of(p), content.length)));
        return listed;
    }

    @Override
    public synchronized void deleteVolume(TenantId tenantId, VolumeId id) {
        volumes.remove(key(tenantId, id));
    }

    @Override
    public Path directory(TenantId tenantId, VolumeId id) {
        return root.resolve(tenantId.value()).resolve(id.value());
    }

    /** True when the volume's directory exists (for tests of removal). */
    public synchronized boolean exists(TenantId tenantId, VolumeId id) {
        return volumes.containsKey(key(tenantId, id));
    }
}
