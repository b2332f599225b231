package ai.aegis.application.contract;

import static ai.aegis.application.contract.ContractFixtures.TENANT_A;
import static ai.aegis.application.contract.ContractFixtures.TENANT_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.out.VolumeStoragePort;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.volume.VolumeFile;
import ai.aegis.domain.volume.VolumeId;
import ai.aegis.domain.volume.VolumePath;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VolumeStoragePort} adapter must do: files round-trip byte for byte, a write
 * replaces the whole file, folders appear on demand, listings show regular files with sizes, removal
 * takes everything and may be repeated, and volumes (also of the same id in two tenants) never see
 * each other's files.
 */
public abstract class VolumeStoragePortContract {

    protected static final VolumeId VOLUME = VolumeId.of("vol-00000001");
    protected static final VolumeId OTHER = VolumeId.of("vol-00000002");
    private VolumeStoragePort storage;

    /** A fresh adapter holding nothing. */
    protected abstract VolumeStoragePort newVolumeStoragePort();

    @BeforeEach
    void setUpStorage() {
        storage = newVolumeStoragePort();
        storage.createVolume(TENANT_A, VOLUME);
    }

    protected static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String code(Throwable e) {
        return ((DomainException) e).code();
    }

    @Test
    void writeThenRead_roundTripsBytes() {
        byte[] content = {0, 1, 2, (byte) 0xff, 10};
        storage.writeFile(TENANT_A, VOLUME, VolumePath.of("bin/data.raw"), content);

        assertThat(storage.readFile(TENANT_A, VOLUME, VolumePath.of("bin/data.raw"))).containsExactly(content);
        assertThat(storage.fileSize(TENANT_A, VOLUME, VolumePath.of("bin/data.raw"))).contains(5L);
    }

    @Test
    void write_existingFile_replacedWhole() {
        storage.writeFile(TENANT_A, VOLUME, VolumePath.of("a.txt"), utf8("a much longer first version"));
        storage.writeFile(TENANT_A, VOLUME, VolumePath.of("a.txt"), utf8("short"));

        assertThat(storage.readFile(TENANT_A, VOLUME, VolumePath.of("a.txt"))).isEqualTo(utf8("short"));
        assertThat(storage.listFiles(TENANT_A, VOLUME)).containsExactly(new VolumeFile(VolumePath.of("a.txt"), 5));
    }

    @Test
    void write_emptyFile_allowed() {
        storage.writeFile(TENANT_A, VOLUME, VolumePath.of("empty"), new byte[0]);

        assertThat(storage.fileSize(TENANT_A, VOLUME, VolumePath.of("empty"))).contains(0L);
    }

    @Test
    void listFiles_nestedFolders_regularFilesWithSizes() {
        storage.writeFile(TENANT_A, VOLUME, VolumePath.of("b/c/d.txt"), utf8("1234"));
        storage.writeFile(TENANT_A, VOLUME, VolumePath.of("a.txt"), utf8("1"));
        storage.writeFile(TENANT_A, VOLUME, VolumePath.of("b/e.txt"), utf8("12"));

        assertThat(storage.listFiles(TENANT_A, VOLUME)).containsExactlyInAnyOrder(
                new VolumeFile(VolumePath.of("a.txt"), 1),
                new VolumeFile(VolumePath.of("b/c/d.txt"), 4),
                new VolumeFile(VolumePath.of("b/e.txt"), 2));
    }

    @Test
    void read_missingFile_notFound() {
        assertThatThrownBy(() -> storage.readFile(TENANT_A, VOLUME, VolumePath.of("nope.txt")))
                .isInstanceOf(NotFoundException.class).extracting(VolumeStoragePortContract::code)
                .isEqualTo("volume.file_not_found");
        assertThat(storage.fileSize(TENANT_A, VOLUME, VolumePath.of("nope.txt"))).isEmpty();
    }

    @Test
    void read_aFolder_notFound() {
        storage.writeFile(TENANT_A, VOLUME, VolumePath.of("dir/file"), utf8("x"));

        assertThatThrownBy(() -> storage.readFile(TENANT_A, VOLUME, VolumePath.of("dir")))
                .isInstanceOf(NotFoundException.class);
        assertThat(storage.fileSize(TENANT_A, VOLUME, VolumePath.of("dir"))).isEmpty();
    }

    @Test
    void write_underAFile_orOverAFolder_conflict() {
        storage.writeFile(TENANT_A, VOLUME, VolumePath.of("file"), utf8("x"));
        storage.writeFile(TENANT_A, VOLUME, VolumePath.of("dir/inner"), utf8("y"));

        assertThatThrownBy(() -> storage.writeFile(TENANT_A, VOLUME, VolumePath.of("file/below"), utf8("z")))
                .isInstanceOf(PreconditionFailedException.class).extracting(VolumeStoragePortContract::code)
                .isEqualTo("volume.path_conflict");
        assertThatThrownBy(() -> storage.writeFile(TENANT_A, VOLUME, VolumePath.of("dir"), utf8("z")))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(storage.readFile(TENANT_A, VOLUME, VolumePath.of("file"))).isEqualTo(utf8("x"));
        assertThat(storage.listFiles(TENANT_A, VOLUME)).hasSize(2);
    }

    @Test
    void deleteVolume_removesEverything_andMayBeRepeated() {
        storage.writeFile(TENANT_A, VOLUME, VolumePath.of("a/b/c.txt"), utf8("x"));

        storage.deleteVolume(TENANT_A, VOLUME);
        storage.deleteVolume(TENANT_A, VOLUME);

        assertThat(storage.listFiles(TENANT_A, VOLUME)).isEmpty();
        assertThat(storage.fileSize(TENANT_A, VOLUME, VolumePath.of("a/b/c.txt"))).isEmpty();
    }

    @Test
    void volumes_sameIdInTwoTenants_andTwoVolumesOfATenant_isolated() {
        storage.createVolume(TENANT_B, VOLUME);
        storage.createVolume(TENANT_A, OTHER);
        storage.writeFile(TENANT_A, VOLUME, VolumePath.of("secret.txt"), utf8("a's"));

        assertThat(storage.fileSize(TENANT_B, VOLUME, VolumePath.of("secret.txt"))).isEmpty();
        assertThat(storage.fileSize(TENANT_A, OTHER, VolumePath.of("secret.txt"))).isEmpty();
        assertThat(storage.listFiles(TENANT_B, VOLUME)).isEmpty();
        assertThatThrownBy(() -> storage.readFile(TENANT_B, VOLUME, VolumePath.of("secret.txt")))
                .isInstanceOf(NotFoundException.class);
        storage.deleteVolume(TENANT_B, VOLUME);
        assertThat(storage.readFile(TENANT_A, VOLUME, VolumePath.of("secret.txt"))).isEqualTo(utf8("a's"));
    }

    @Test
    void directory_absoluteAndDistinctPerTenantAndVolume() {
        assertThat(storage.directory(TENANT_A, VOLUME)).isAbsolute();
        assertThat(storage.directory(TENANT_A, VOLUME)).isNotEqualTo(storage.directory(TENANT_B, VOLUME));
        assertThat(storage.directory(TENANT_A, VOLUME)).isNotEqualTo(storage.directory(TENANT_A, OTHER));
    }
}
