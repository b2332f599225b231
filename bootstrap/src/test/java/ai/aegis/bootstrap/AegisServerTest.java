package ai.aegis.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real service (embedded PostgreSQL, Jetty, Netty gRPC) once and talks to it over sockets. */
class AegisServerTest {

    @TempDir
    static Path dataDirectory;

    private static AegisServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
    void healthz_serverStarted_answers200() throws Exception {
        HttpResponse<String> response = get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void readyz_databaseReachable_answers200() throws Exception {
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPath_anyRequest_answers404WithoutServerBanner() throws Exception {
        HttpResponse<String> response = get("/nope");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Server")).isEmpty();
    }

    @Test
    void grpcHealth_serverStarted_reportsServing() {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.grpcPort()).usePlaintext().build();
        try {
            HealthCheckResponse response = HealthGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance());
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void embeddedDatabase_started_keepsItsFilesInTheDataDirectory() {
        assertThat(Files.isDirectory(dataDirectory.resolve("postgres"))).isTrue();
        assertThat(server.databaseDescription()).contains("embedded PostgreSQL").contains(dataDirectory.toString());
    }

    @Test
    void secondServer_samePorts_refusedNamingThePort() {
        Path other = dataDirectory.resolveSibling(dataDirectory.getFileName() + "-other");
        ServerSettings clash = ServerSettings.local("127.0.0.1", server.httpPort(), 0, other);

        assertThatThrownBy(() -> AegisServer.start(clash, IdentitySettings.fromEnvironment(java.util.Map.of())))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("cannot start HTTP on 127.0.0.1:" + server.httpPort());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
