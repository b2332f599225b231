package ai.aegis.bootstrap;

import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Test-side handle on an in-process {@code aegis serve} for the fault drills in
 * {@code ai.aegis.bootstrap.drill}: {@link AegisServer} is package-private, so the drills start it here.
 */
public final class DrillServer implements AutoCloseable {

    private final AegisServer server;
    private final Path dataDirectory;

    private DrillServer(AegisServer server, Path dataDirectory) {
        this.server = server;
        this.dataDirectory = dataDirectory;
    }

    /** An instance on free ports, without a local node, on the embedded database in {@code dataDirectory}. */
    public static DrillServer embedded(Path dataDirectory, Map<String, String> env) {
        return new DrillServer(AegisServer.start(ServerSettings.local("127.0.0.1", 0, 0, dataDirectory),
                IdentitySettings.fromEnvironment(Map.of()), env), dataDirectory);
    }

    /** An instance on free ports, without a local node, on the external PostgreSQL at {@code jdbcUrl}. */
    public static DrillServer external(Path dataDirectory, String jdbcUrl, String user, String password,
            Map<String, String> env) {
        return new DrillServer(AegisServer.start(new ServerSettings("127.0.0.1", 0, 0, dataDirectory, jdbcUrl, user,
                password, null, List.of(), false), IdentitySettings.fromEnvironment(Map.of()), env), dataDirectory);
    }

    /** A bearer token from this instance's development identity provider for a consumer of {@code tenant}. */
    public String consumerToken(ZaruTier tier, String user, TenantId tenant) {
        return IdentityModule.existingDevelopmentProvider(DataDirectory.prepare(dataDirectory), Clock.systemUTC())
                .mintConsumer(tier, ZaruUserId.of(user), tenant, Duration.ofMinutes(10)).reveal();
    }

    public int grpcPort() {
        return server.grpcPort();
    }

    public int httpPort() {
        return server.httpPort();
    }

    /** The JDBC URL of the database this instance uses. */
    public String databaseUrl() {
        return server.databaseSettings().url();
    }

    @Override
    public void close() {
        server.close();
    }
}
