package ai.aegis.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.adapters.grpc.GrpcErrors;
import ai.aegis.adapters.identity.DevelopmentIdentityProvider;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.proto.v1.OperatorIdentityServiceGrpc;
import ai.aegis.proto.v1.WhoAmIRequest;
import ai.aegis.proto.v1.WhoAmIResponse;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The identity bridge end to end on the real service: development identity provider, MCP over
 * both transports with the SDK client, gRPC over Netty, audit rows in PostgreSQL, and every log
 * line of the run checked for tokens.
 */
class IdentityEndToEndTest {

    @TempDir
    static Path dataDirectory;

    private static AegisServer server;
    private static DevelopmentIdentityProvider idp;
    private static String base;
    private static final List<String> SECRETS = new ArrayList<>();
    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final TenantId ALICE_TENANT = TenantId.of("u-7d0b6a53-3f5e-4c2a-9f55-2a1c3b9d8e01");

    @BeforeAll
    static void start() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.TRACE);
        LOGS.start();
        root.addAppender(LOGS);
        server = AegisServer.start(ServerSettings.local("127.0.0.1", 0, 0, dataDirectory), IdentitySettings.fromEnvironment(Map.of()));
        idp = IdentityModule.existingDevelopmentProvider(DataDirectory.prepare(dataDirectory), Clock.systemUTC());
        base = "http://127.0.0.1:" + server.httpPort();
    }

    @AfterAll
    static void stop() {
        server.close();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(LOGS);
        root.setLevel(ch.qos.logback.classic.Level.INFO);
        assertNoSecretLogged();
    }

    private static String consumerToken(ZaruTier tier) {
        return remember(idp.mintConsumer(tier, ZaruUserId.of("alice"), ALICE_TENANT, Duration.ofMinutes(10)).reveal());
    }

    private static String operatorToken(AegisRole role) {
        return remember(idp.mintOperator(role, "sre-1", Duration.ofMinutes(10)).reveal());
    }

    private static String remember(String token) {
        synchronized (SECRETS) {
            SECRETS.add(token);
        }
        return token;
    }

    private static void assertNoSecretLogged() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : LOGS.list) {
            lines.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                lines.add(event.getThrowableProxy().getMessage());
            }
        }
        assertThat(lines).isNotEmpty();
        for (String token : SECRETS) {
            String signature = token.substring(token.lastIndexOf('.') + 1);
            for (String line : lines) {
                assertThat(line).doesNotContain(token).doesNotContain(signature);
            }
        }
    }

    private static HttpResponse<String> initialize(Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/mcp/v1"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                        + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}"));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static McpSyncClient client(String token, boolean legacySse) {
        HttpRequest.Builder headers = HttpRequest.newBuilder().header("Authorization", "Bearer " + token)
                .header("X-Zaru-User-ID", "alice");
        McpSyncClient client = McpClient.sync(legacySse
                        ? HttpClientSseClientTransport.builder(base).sseEndpoint("/mcp/v1/sse").requestBuilder(headers).build()
                        : HttpClientStreamableHttpTransport.builder(base).endpoint("/mcp/v1").requestBuilder(headers).build())
                .requestTimeout(Duration.ofSeconds(10)).build();
        client.initialize();
        return client;
    }

    @Test
    void mcp_noToken_401WithResourceMetadataChallenge() throws Exception {
        HttpResponse<String> response = initialize(Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge -> assertThat(challenge)
                .startsWith("Bearer ").contains("resource_metadata=\"" + base + "/.well-known/oauth-protected-resource\""));
        assertThat(response.body()).contains("token.missing");
    }

    @Test
    void mcp_tamperedToken_401InvalidTokenWithReasonCodeOnly() throws Exception {
        String token = consumerToken(ZaruTier.PRO);
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        remember(tampered);

        HttpResponse<String> response = initialize(Map.of("Authorization", "Bearer " + tampered));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).contains("error=\"invalid_token\"").contains("error_description=\"token."));
        assertThat(response.body()).doesNotContain(tampered.substring(tampered.lastIndexOf('.') + 1));
    }

    @Test
    void mcp_tierHeaderDisagreesWithToken_403AndAudited() throws Exception {
        HttpResponse<String> response = initialize(Map.of("Authorization", "Bearer " + consumerToken(ZaruTier.FREE),
                "X-Zaru-Tier", "Enterprise"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("identity.header_mismatch");
        assertThat(auditReasons(ALICE_TENANT)).contains("identity.header_mismatch");
    }

    @Test
    void mcp_proUserOverStreamableHttp_listsAndCallsItsTools() {
        try (McpSyncClient client = client(consumerToken(ZaruTier.PRO), false)) {
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                    .contains("aegis.tools.list", "aegis.audit.list", "aegis.task.execute", "aegis.workflow.signal")
                    .doesNotContain("aegis.agent.create", "aegis.system.config", "fs.read");

            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("aegis.tools.list", Map.of()));

            assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
            String text = ((McpSchema.TextContent) result.content().get(0)).text();
            assertThat(text).contains("\"security_context\":\"zaru-pro\"").contains("aegis.workflow.signal")
                    .doesNotContain("aegis.agent.create");
        }
    }

    @Test
    void mcp_freeUserOverLegacySse_toolListLacksWorkflowSignal() {
        try (McpSyncClient client = client(consumerToken(ZaruTier.FREE), true)) {
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("aegis.tools.list", Map.of()));

            String text = ((McpSchema.TextContent) result.content().get(0)).text();
            assertThat(text).contains("\"security_context\":\"zaru-free\"").contains("aegis.task.execute")
                    .doesNotContain("aegis.workflow.signal");
        }
    }

    @Test
    void mcp_businessUserAuditList_showsOwnRefusals_freeUserToldNotInPlan() throws Exception {
        initialize(Map.of("Authorization", "Bearer " + consumerToken(ZaruTier.BUSINESS), "X-Zaru-User-ID", "mallory"));

        try (McpSyncClient business = client(consumerToken(ZaruTier.BUSINESS), false);
             McpSyncClient free = client(consumerToken(ZaruTier.FREE), false)) {
            McpSchema.CallToolResult entries = business.callTool(new McpSchema.CallToolRequest("aegis.audit.list",
                    Map.of("limit", 20)));
            McpSchema.CallToolResult refused = free.callTool(new McpSchema.CallToolRequest("aegis.audit.list", Map.of()));

            assertThat(entries.isError()).isNotEqualTo(Boolean.TRUE);
            assertThat(((McpSchema.TextContent) entries.content().get(0)).text()).contains("identity.header_mismatch");
            assertThat(refused.isError()).isTrue();
            assertThat(((McpSchema.TextContent) refused.content().get(0)).text()).contains("Business");
        }
    }

    @Test
    void mcp_sessionOfAnotherIdentity_refused403_ownerStillServed() throws Exception {
        String alice = consumerToken(ZaruTier.PRO);
        String bob = remember(idp.mintConsumer(ZaruTier.PRO, ZaruUserId.of("bob"),
                TenantId.of("u-2b4f0c1e-9a7d-4e3b-8c6a-5d1e0f2a3b4c"), Duration.ofMinutes(10)).reveal());
        String session = initialize(Map.of("Authorization", "Bearer " + alice)).headers()
                .firstValue("Mcp-Session-Id").orElseThrow();

        HttpResponse<String> owner = post(alice, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        HttpResponse<String> intruder = post(bob, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        HttpResponse<String> ownerAgain = post(alice, session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}");

        assertThat(owner.statusCode()).isEqualTo(202);
        assertThat(intruder.statusCode()).isEqualTo(403);
        assertThat(intruder.body()).contains("mcp.session_not_yours");
        assertThat(auditReasons(TenantId.of("u-2b4f0c1e-9a7d-4e3b-8c6a-5d1e0f2a3b4c"))).contains("mcp.session_not_yours");
        assertThat(ownerAgain.statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> post(String token, String session, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/mcp/v1"))
                .header("Authorization", "Bearer " + token).header("Mcp-Session-Id", session)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void wellKnown_protectedResource_namesBothDevelopmentRealms() throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/.well-known/oauth-protected-resource")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertThat(body).contains(idp.consumerIssuer()).contains(idp.operatorIssuer()).contains(base + "/mcp/v1");
    }

    @Test
    void wellKnown_sealJwks_publishesAnEd25519Key() throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/.well-known/seal-jwks.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertThat(body).contains("\"kty\":\"OKP\"").contains("\"crv\":\"Ed25519\"").doesNotContain("\"d\":");
    }

    @Test
    void grpc_operatorTokenOverNetty_whoAmIAnswersRoleAndContext() {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.grpcPort()).usePlaintext().build();
        try {
            WhoAmIResponse response = operatorStub(channel, operatorToken(AegisRole.ADMIN))
                    .whoAmI(WhoAmIRequest.getDefaultInstance());

            assertThat(response.getRole()).isEqualTo("admin");
            assertThat(response.getSecurityContext()).isEqualTo("aegis-system-operator");
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void grpc_consumerTokenOnOperatorCall_permissionDenied() {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.grpcPort()).usePlaintext().build();
        try {
            assertThatThrownBy(() -> operatorStub(channel, consumerToken(ZaruTier.ENTERPRISE))
                    .whoAmI(WhoAmIRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                        assertThat(e.getTrailers().get(GrpcErrors.ERROR_CODE)).isEqualTo("identity.not_operator");
                    });
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void tokenCommand_proTier_printsATokenTheServerAccepts() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = AegisMain.commandLine();
        cli.setOut(new PrintWriter(out, true));

        int code = cli.execute("token", "--tier", "pro", "--user", "bob", "--data-dir", dataDirectory.toString());

        assertThat(code).isZero();
        String token = remember(out.toString().trim());
        assertThat(initialize(Map.of("Authorization", "Bearer " + token)).statusCode()).isEqualTo(200);
    }

    @Test
    void tokenCommand_realIdentityProviderConfigured_refused() {
        assertThatThrownBy(() -> IdentitySettings.fromEnvironment(Map.of("AEGIS_ZARU_ISSUER", "https://kc/realms/zaru-consumer")))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("AEGIS_ZARU_JWKS_URL is required");
    }

    private static OperatorIdentityServiceGrpc.OperatorIdentityServiceBlockingStub operatorStub(ManagedChannel channel,
                                                                                              String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return OperatorIdentityServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private static List<String> auditReasons(TenantId tenant) {
        return new ai.aegis.adapters.persistence.AuditLogPersistenceAdapter(jdbi()).listByTenant(tenant, 100).stream()
                .map(ai.aegis.domain.audit.AuditRecord::reasonCode).toList();
    }

    private static org.jdbi.v3.core.Jdbi jdbi() {
        return org.jdbi.v3.core.Jdbi.create(server.databaseSettings().url(), "postgres", "");
    }
}
