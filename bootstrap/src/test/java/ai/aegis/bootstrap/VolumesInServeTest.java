package ai.aegis.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.port.in.CreateVolumeCommand;
import ai.aegis.application.port.in.DeleteVolumeCommand;
import ai.aegis.application.port.in.GetVolumeQuotaQuery;
import ai.aegis.application.port.in.ReadVolumeFileQuery;
import ai.aegis.application.port.in.TouchVolumeCommand;
import ai.aegis.application.port.in.VolumeMount;
import ai.aegis.application.port.in.WriteVolumeFileCommand;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.volume.Volume;
import ai.aegis.domain.volume.VolumeName;
import ai.aegis.domain.volume.VolumePath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aegis serve} wires volumes: files under the data directory, rows in PostgreSQL, one service for tools and node. */
class VolumesInServeTest {

    @TempDir
    static Path dataDirectory;

    private static AegisServer server;

    @BeforeAll
    static void start() {
        server = AegisServer.start(ServerSettings.local("127.0.0.1", 0, 0, dataDirectory),
                IdentitySettings.fromEnvironment(java.util.Map.of()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void volume_createWriteMountDelete_throughTheServedStack() throws Exception {
        Identity.ZaruUser user = Identity.zaruUser(ZaruUserId.of("serve-user"), TenantId.consumer(UUID.randomUUID()),
                ZaruTier.PRO);
        Volume volume = server.volumes().create(new CreateVolumeCommand(user, VolumeName.of("work")));
        server.volumes().write(new WriteVolumeFileCommand(user, VolumeName.of("work"), VolumePath.of("in/data.txt"),
                "42".getBytes()));

        VolumeMount mount = server.volumes().touch(new TouchVolumeCommand(user.tenantId(), VolumeName.of("work")));

        assertThat(mount.directory()).isEqualTo(dataDirectory.toRealPath().resolve("volumes")
                .resolve(user.tenantId().value()).resolve(volume.id().value()));
        assertThat(Files.readString(mount.directory().resolve("in/data.txt"))).isEqualTo("42");
        assertThat(server.volumes().read(new ReadVolumeFileQuery(user, VolumeName.of("work"), VolumePath.of("in/data.txt"))))
                .isEqualTo("42".getBytes());
        assertThat(server.volumes().quota(new GetVolumeQuotaQuery(user)).bytesUsed()).isEqualTo(2);

        server.volumes().delete(new DeleteVolumeCommand(user, VolumeName.of("work")));

        assertThat(Files.exists(mount.directory())).isFalse();
        assertThat(server.volumes().quota(new GetVolumeQuotaQuery(user)).volumeCount()).isZero();
    }
}
