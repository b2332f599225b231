package ai.aegis.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.adapters.identity.DevelopmentIdentityProvider;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.proto.v1.GetSystemInfoRequest;
import ai.aegis.proto.v1.OperatorAccountServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator runs the service by, through the real server: {@code /metrics} (Prometheus text,
 * behind its scrape token), correlation ids, readiness, and a shutdown that lets running calls answer.
 */
class OperabilityInServeTest {

    private static final String METRICS_TOKEN = "scrape-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDirectory;

    private AegisServer start() {
        return AegisServer.start(ServerSettings.local("127.0.0.1", 0, 0, dataDirectory),
                IdentitySettings.fromEnvironment(Map.of()), Map.of("AEGIS_METRICS_TOKEN", METRICS_TOKEN,
                        "AEGIS_SHUTDOWN_GRACE_SECONDS", "15"));
    }

    private McpSyncClient client(AegisServer server) {
        DevelopmentIdentityProvider idp = IdentityModule.existingDevelopmentProvider(
                DataDirectory.prepare(dataDirectory), Clock.systemUTC());
        String token = idp.mintConsumer(ZaruTier.PRO, ZaruUserId.of("ops-user"), TenantId.consumer(UUID.randomUUID()),
                Duration.ofMinutes(10)).reveal();
        return InServe.client(server, token);
    }

    private static HttpResponse<String> get(AegisServer server, String path, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status {@code /readyz} answers on {@code port}, or {@code refused} when nothing answers. */
    private static String readiness(int port) throws InterruptedException {
        try {
            return Integer.toString(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        } catch (java.io.IOException e) {
            return "refused";
        }
    }

    private static List<String> series(String scrape, String name) {
        return scrape.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " ")).toList();
    }

    @Test
    void metrics_afterCallsAndRefusals_countedByToolOutcomeReasonPoolJvmAndPlan() throws Exception {
        try (AegisServer server = start()) {
            try (McpSyncClient client = client(server)) {
                McpSchema.CallToolResult listed = client.callTool(new McpSchema.CallToolRequest("aegis.tools.list",
                        Map.of()));
                assertThat(listed.isError()).isFalse();
            }
            HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + server.httpPort() + "/mcp/v1")).header("Authorization", "Bearer not.a.token")
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.grpcPort()).usePlaintext().build();
            try {
                assertThatThrownBy(() -> OperatorAccountServiceGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(10, TimeUnit.SECONDS).getSystemInfo(GetSystemInfoRequest.getDefaultInstance()))
                        .isInstanceOf(StatusRuntimeException.class);
            } finally {
                channel.shutdownNow();
            }

            HttpResponse<String> anonymous = get(server, "/metrics", Map.of());
            HttpResponse<String> scraped = get(server, "/metrics", Map.of("Authorization", "Bearer " + METRICS_TOKEN));

            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).doesNotContain("jvm_");
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            String text = scraped.body();
            assertThat(series(text, "aegis_requests_seconds_count")).anySatisfy(line -> assertThat(line)
                    .contains("surface=\"mcp\"").contains("operation=\"aegis.tools.list\"").contains("outcome=\"ok\""));
            assertThat(series(text, "aegis_requests_seconds_count")).anySatisfy(line -> assertThat(line)
                    .contains("surface=\"grpc\"").contains("GetSystemInfo").contains("outcome=\"unauthenticated\""));
            assertThat(series(text, "aegis_requests_seconds_count")).anySatisfy(line -> assertThat(line)
                    .contains("surface=\"http\"").contains("operation=\"/mcp/v1\"").contains("outcome=\"4xx\""));
            assertThat(series(text, "aegis_auth_refusals_total")).anySatisfy(line -> assertThat(line)
                    .contains("surface=\"mcp\"").contains("reason=\"token."));
            assertThat(series(text, "aegis_auth_refusals_total")).anySatisfy(line -> assertThat(line)
                    .contains("surface=\"grpc\""));
            assertThat(series(text, "aegis_executions_active")).anySatisfy(line -> assertThat(line)
                    .contains("plan=\"pro\""));
            assertThat(text).contains("hikaricp_connections").contains("jvm_memory_used_bytes")
                    .contains("process_uptime_seconds");
            assertThat(text).doesNotContain("ops-user").doesNotContain(METRICS_TOKEN);
        }
    }

    @Test
    void requestId_givenOrNot_echoedSoLogsAndClientsCanBeMatched() throws Exception {
        try (AegisServer server = start()) {
            HttpResponse<String> given = get(server, "/healthz", Map.of("X-Request-ID", "trace-42"));
            HttpResponse<String> made = get(server, "/healthz", Map.of());
            HttpResponse<String> insane = get(server, "/healthz", Map.of("X-Request-ID", "a b\tc"));

            assertThat(given.headers().firstValue("X-Request-ID")).contains("trace-42");
            assertThat(made.headers().firstValue("X-Request-ID").orElseThrow()).hasSize(36);
            assertThat(insane.headers().firstValue("X-Request-ID").orElseThrow()).isNotEqualTo("a b\tc").hasSize(36);
        }
    }

    @Test
    void close_whileAToolCallRuns_readinessDropsAndTheCallStillAnswers() throws Exception {
        AegisServer server = start();
        McpSyncClient client = client(server);
        try {
            String id = (String) ((Map<?, ?>) client.callTool(new McpSchema.CallToolRequest("aegis.task.execute",
                    Map.of("task", "Print hello", "code", "print('hello')", "runtime", "python"))).structuredContent())
                    .get("execution_id");
            assertThat(get(server, "/readyz", Map.of()).statusCode()).isEqualTo(200);
            CompletableFuture<McpSchema.CallToolResult> waiting = CompletableFuture.supplyAsync(() -> client.callTool(
                    new McpSchema.CallToolRequest("aegis.task.wait", Map.of("execution_id", id, "timeout_seconds", 3))));
            Thread.sleep(500);

            int port = server.httpPort();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            Thread.sleep(300);
            String readyWhileClosing = readiness(port);
            McpSchema.CallToolResult answered = waiting.get(30, TimeUnit.SECONDS);
            closing.get(30, TimeUnit.SECONDS);

            assertThat(readyWhileClosing).isIn("503", "refused");
            assertThat(answered.isError()).as("%s", answered.content()).isFalse();
            assertThat(((Map<?, ?>) answered.structuredContent()).get("status")).isEqualTo("pending");
            assertThat(readiness(port)).isEqualTo("refused");
        } finally {
            server.close();
            InServe.closeQuietly(client);
        }
    }
}
