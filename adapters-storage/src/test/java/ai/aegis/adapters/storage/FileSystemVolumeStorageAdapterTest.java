package ai.aegis.adapters.storage;

import static ai.aegis.application.contract.ContractFixtures.TENANT_A;
import static ai.aegis.application.contract.ContractFixtures.TENANT_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.contract.VolumeStoragePortContract;
import ai.aegis.application.port.out.VolumeStoragePort;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.volume.VolumeFile;
import ai.aegis.domain.volume.VolumePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage contract on a real file system, plus escapes: links planted inside a volume (as agent
 * code in the sandbox could) never lead a read, write, listing or removal outside it.
 */
class FileSystemVolumeStorageAdapterTest extends VolumeStoragePortContract {

    @TempDir
    Path temp;
    private Path outside;
    private FileSystemVolumeStorageAdapter adapter;

    @Override
    protected VolumeStoragePort newVolumeStoragePort() {
        adapter = new FileSystemVolumeStorageAdapter(temp.resolve("volumes"));
        return adapter;
    }

    @BeforeEach
    void plantOutside() throws IOException {
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "host secret");
    }

    private Path volumeDir() {
        return adapter.directory(TENANT_A, VOLUME);
    }

    private static String code(Throwable e) {
        return ((DomainException) e).code();
    }

    private long filesOutside() throws IOException {
        try (Stream<Path> walk = Files.walk(outside)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void layout_perTenantDirectories_privateToTheServiceUser() throws IOException {
        assertThat(volumeDir()).isEqualTo(adapter.root().resolve(TENANT_A.value()).resolve(VOLUME.value()));
        assertThat(Files.isDirectory(volumeDir())).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(volumeDir()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(volumeDir().getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void write_throughPlantedFolderLinkPointingOutside_refused_nothingWrittenOutside() throws IOException {
        Files.createSymbolicLink(volumeDir().resolve("evil"), outside);

        assertThatThrownBy(() -> adapter.writeFile(TENANT_A, VOLUME, VolumePath.of("evil/owned.txt"), utf8("x")))
                .isInstanceOf(PreconditionFailedException.class)
                .hasMessageContaining("link")
                .extracting(FileSystemVolumeStorageAdapterTest::code).isEqualTo("volume.path_conflict");
        assertThat(Files.exists(outside.resolve("owned.txt"))).isFalse();
        assertThat(filesOutside()).isEqualTo(1);
    }

    @Test
    void write_overPlantedFileLinkPointingOutside_replacesTheLinkNotTheTarget() throws IOException {
        Files.createSymbolicLink(volumeDir().resolve("link.txt"), outside.resolve("secret.txt"));

        adapter.writeFile(TENANT_A, VOLUME, VolumePath.of("link.txt"), utf8("mine"));

        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("host secret");
        assertThat(Files.isSymbolicLink(volumeDir().resolve("link.txt"))).isFalse();
        assertThat(adapter.readFile(TENANT_A, VOLUME, VolumePath.of("link.txt"))).isEqualTo(utf8("mine"));
    }

    @Test
    void read_throughPlantedLinks_notFound() throws IOException {
        Files.createSymbolicLink(volumeDir().resolve("link.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(volumeDir().resolve("evil"), outside);

        assertThatThrownBy(() -> adapter.readFile(TENANT_A, VOLUME, VolumePath.of("link.txt")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> adapter.readFile(TENANT_A, VOLUME, VolumePath.of("evil/secret.txt")))
                .isInstanceOf(NotFoundException.class);
        assertThat(adapter.fileSize(TENANT_A, VOLUME, VolumePath.of("link.txt"))).isEmpty();
        assertThat(adapter.fileSize(TENANT_A, VOLUME, VolumePath.of("evil/secret.txt"))).isEmpty();
    }

    @Test
    void listAndDelete_withPlantedLinks_neitherFollowed() throws IOException {
        adapter.writeFile(TENANT_A, VOLUME, VolumePath.of("real.txt"), utf8("12"));
        Files.createSymbolicLink(volumeDir().resolve("link.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(volumeDir().resolve("evil"), outside);

        assertThat(adapter.listFiles(TENANT_A, VOLUME)).containsExactly(new VolumeFile(VolumePath.of("real.txt"), 2));
        adapter.deleteVolume(TENANT_A, VOLUME);

        assertThat(Files.exists(volumeDir(), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("host secret");
        assertThat(filesOutside()).isEqualTo(1);
    }

    @Test
    void write_leavesNoTemporaryFileBehind() throws IOException {
        adapter.writeFile(TENANT_A, VOLUME, VolumePath.of("a/b.txt"), utf8("one"));
        adapter.writeFile(TENANT_A, VOLUME, VolumePath.of("a/b.txt"), utf8("two"));

        try (Stream<Path> walk = Files.walk(volumeDir())) {
            assertThat(walk.filter(Files::isRegularFile).map(p -> volumeDir().relativize(p).toString()))
                    .containsExactly("a/b.txt");
        }
    }

    @Test
    void write_refusedOverAFolder_oldContentIntact() {
        adapter.writeFile(TENANT_A, VOLUME, VolumePath.of("dir/keep.txt"), utf8("keep"));

        assertThatThrownBy(() -> adapter.writeFile(TENANT_A, VOLUME, VolumePath.of("dir"), utf8("x")))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(adapter.readFile(TENANT_A, VOLUME, VolumePath.of("dir/keep.txt"))).isEqualTo(utf8("keep"));
    }

    @Test
    void tenants_sameVolumeId_differentDirectories() {
        adapter.createVolume(TENANT_B, VOLUME);

        assertThat(adapter.directory(TENANT_B, VOLUME).getParent()).isNotEqualTo(volumeDir().getParent());
        assertThat(adapter.directory(TENANT_B, VOLUME).startsWith(adapter.root())).isTrue();
    }

    @Test
    void listFiles_namesNoCallerCouldUse_skippedNotFailed() throws IOException {
        adapter.writeFile(TENANT_A, VOLUME, VolumePath.of("ok.txt"), utf8("1"));
        Files.writeString(volumeDir().resolve("bad\nname"), "x");
        Files.writeString(volumeDir().resolve("back\\slash"), "x");

        assertThat(adapter.listFiles(TENANT_A, VOLUME)).containsExactly(new VolumeFile(VolumePath.of("ok.txt"), 1));
    }

    @Test
    void write_reservedTemporaryName_refused() {
        assertThatThrownBy(() -> adapter.writeFile(TENANT_A, VOLUME,
                VolumePath.of(FileSystemVolumeStorageAdapter.TEMP_PREFIX + "x"), utf8("x")))
                .isInstanceOf(PreconditionFailedException.class)
                .extracting(FileSystemVolumeStorageAdapterTest::code).isEqualTo("volume.path_reserved");
    }
}
