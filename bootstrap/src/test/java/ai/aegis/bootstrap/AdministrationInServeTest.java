package ai.aegis.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.aegis.adapters.identity.DevelopmentIdentityProvider;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.proto.v1.GetSystemInfoRequest;
import ai.aegis.proto.v1.GetUserAccountRequest;
import ai.aegis.proto.v1.OperatorAccountServiceGrpc;
import ai.aegis.proto.v1.UpdateUserAccountRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aegis serve} serves operator administration on MCP and gRPC with real tokens and
 * PostgreSQL: an administrator suspends a consumer over MCP and the consumer's next login is
 * refused; gRPC answers the same gates.
 */
class AdministrationInServeTest {

    @TempDir
    static Path dataDirectory;

    private static AegisServer server;
    private static DevelopmentIdentityProvider idp;
    private static String base;
    private static final TenantId CAROL_TENANT = TenantId.consumer(UUID.fromString("5b1f0e2a-8c3d-4e5f-9a6b-7c8d9e0f1a2b"));

    @BeforeAll
    static void start() {
        server = AegisServer.start(ServerSettings.local("127.0.0.1", 0, 0, dataDirectory),
                IdentitySettings.fromEnvironment(Map.of()));
        idp = IdentityModule.existingDevelopmentProvider(DataDirectory.prepare(dataDirectory), Clock.systemUTC());
        base = "http://127.0.0.1:" + server.httpPort();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String operatorToken(AegisRole role) {
        return idp.mintOperator(role, "sre-" + role.claimValue(), Duration.ofMinutes(10)).reveal();
    }

    private static String carolToken() {
        return idp.mintConsumer(ZaruTier.PRO, ZaruUserId.of("carol"), CAROL_TENANT, Duration.ofMinutes(10)).reveal();
    }

    private static McpSyncClient client(String token) {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(base).endpoint("/mcp/v1")
                        .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token)).build())
                .requestTimeout(Duration.ofSeconds(10)).build();
        client.initialize();
        return client;
    }

    private static int initializeStatus(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/mcp/v1"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                        + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}"))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static OperatorAccountServiceGrpc.OperatorAccountServiceBlockingStub grpc(ManagedChannel channel, String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return OperatorAccountServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @Test
    void adminSuspendsConsumerOverMcp_consumersNextLoginRefused_grpcAnswersTheSameGates() throws Exception {
        try (McpSyncClient admin = client(operatorToken(AegisRole.ADMIN))) {
            McpSchema.CallToolResult info = admin.callTool(new McpSchema.CallToolRequest("aegis.system.info", Map.of()));
            assertThat(info.isError()).isFalse();
            assertThat(((Map<?, ?>) info.structuredContent()).get("version")).isEqualTo(AegisVersion.current());

            McpSchema.CallToolResult config = admin.callTool(new McpSchema.CallToolRequest("aegis.system.config",
                    Map.of("key", "*")));
            assertThat(config.isError()).isFalse();
            assertThat(config.structuredContent().toString()).contains("log.level").contains("key=database, value=embedded")
                    .doesNotContainIgnoringCase("password");
            McpSchema.CallToolResult level = admin.callTool(new McpSchema.CallToolRequest("aegis.system.config",
                    Map.of("key", "log.level", "value", "WARN")));
            assertThat(level.structuredContent().toString()).contains("value=WARN");
            admin.callTool(new McpSchema.CallToolRequest("aegis.system.config", Map.of("key", "log.level", "value", "INFO")));
            McpSchema.CallToolResult fixed = admin.callTool(new McpSchema.CallToolRequest("aegis.system.config",
                    Map.of("key", "listen.http_port", "value", "1")));
            assertThat(((Map<?, ?>) fixed.structuredContent()).get("error")).isEqualTo("config.read_only");

            McpSchema.CallToolResult suspended = admin.callTool(new McpSchema.CallToolRequest("aegis.user.update",
                    Map.of("tenant", CAROL_TENANT.value(), "user_id", "carol", "changes", Map.of("suspended", true))));
            assertThat(suspended.isError()).isFalse();
        }
        assertThat(initializeStatus(carolToken())).isEqualTo(403);

        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.grpcPort()).usePlaintext().build();
        try {
            assertThat(grpc(channel, operatorToken(AegisRole.READONLY)).getUser(GetUserAccountRequest.newBuilder()
                    .setTenantId(CAROL_TENANT.value()).setUserId("carol").build()).getSuspended()).isTrue();
            StatusRuntimeException refused = catchThrowableOfType(() -> grpc(channel, operatorToken(AegisRole.OPERATOR))
                    .updateUser(UpdateUserAccountRequest.newBuilder().setTenantId(CAROL_TENANT.value()).setUserId("carol")
                            .setSuspended(false).build()), StatusRuntimeException.class);
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(grpc(channel, operatorToken(AegisRole.ADMIN)).updateUser(UpdateUserAccountRequest.newBuilder()
                    .setTenantId(CAROL_TENANT.value()).setUserId("carol").setSuspended(false).build()).getSuspended())
                    .isFalse();
            assertThat(grpc(channel, operatorToken(AegisRole.READONLY)).getSystemInfo(
                    GetSystemInfoRequest.getDefaultInstance()).getVersion()).isEqualTo(AegisVersion.current());
        } finally {
            channel.shutdownNow();
        }
        assertThat(initializeStatus(carolToken())).isEqualTo(200);
    }
}
