package ai.aegis.adapters.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MCP transports on a real Jetty server, driven by the SDK's own client over both transports.
 * The tools here are test doubles at the boundary: what matters is the transport, filters and
 * per-caller listing.
 */
class McpEndpointsTest {

    private static McpHttpServer http;
    private static McpEndpoints endpoints;
    private static String base;

    @BeforeAll
    static void start() {
        McpSchema.Tool echo = McpSchema.Tool.builder().name("test.echo").description("Echoes its text")
                .inputSchema(new McpSchema.JsonSchema("object", Map.of("text", Map.of("type", "string")),
                        List.of("text"), false, null, null))
                .build();
        McpSchema.Tool secret = McpSchema.Tool.builder().name("test.secret").description("Hidden from callers without the header")
                .inputSchema(new McpSchema.JsonSchema("object", Map.of(), List.of(), false, null, null))
                .build();
        List<McpServerFeatures.SyncToolSpecification> tools = List.of(
                McpServerFeatures.SyncToolSpecification.builder().tool(echo)
                        .callHandler((exchange, request) -> McpSchema.CallToolResult.builder()
                                .addTextContent("echo: " + request.arguments().get("text")).build())
                        .build(),
                McpServerFeatures.SyncToolSpecification.builder().tool(secret)
                        .callHandler((exchange, request) -> McpSchema.CallToolResult.builder()
                                .addTextContent("secret").build())
                        .build());
        endpoints = McpEndpoints.create("test", tools,
                (context, tool) -> !tool.name().equals("test.secret") || "yes".equals(context.get("x-test-secret")),
                request -> McpTransportContext.create(request.getHeader("X-Test-Secret") == null
                        ? Map.of() : Map.of("x-test-secret", request.getHeader("X-Test-Secret"))));
        http = McpHttpServer.start("127.0.0.1", 0,
                List.of(new McpHttpServer.FilterMount("/mcp/*", new OriginFilter(List.of("https://myzaru.com"))),
                        new McpHttpServer.FilterMount("/mcp/*", new ProtocolVersionFilter())),
                endpoints.servlets());
        base = "http://127.0.0.1:" + http.port();
    }

    @AfterAll
    static void stop() {
        endpoints.close();
        http.close();
    }

    @Test
    void streamableHttp_listAndCall_worksEndToEnd() {
        try (McpSyncClient client = client(HttpClientStreamableHttpTransport.builder(base)
                .endpoint(McpEndpoints.STREAMABLE_PATH).build())) {
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactly("test.echo");

            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("test.echo", Map.of("text", "hi")));

            assertThat(((McpSchema.TextContent) result.content().get(0)).text()).isEqualTo("echo: hi");
        }
    }

    @Test
    void legacySse_listAndCall_worksEndToEnd() {
        try (McpSyncClient client = client(HttpClientSseClientTransport.builder(base)
                .sseEndpoint(McpEndpoints.SSE_PATH).build())) {
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactly("test.echo");

            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("test.echo", Map.of("text", "sse")));

            assertThat(((McpSchema.TextContent) result.content().get(0)).text()).isEqualTo("echo: sse");
        }
    }

    @Test
    void toolFilter_callerContextAllows_listsTheHiddenTool() {
        HttpRequest.Builder withHeader = HttpRequest.newBuilder().header("X-Test-Secret", "yes");
        try (McpSyncClient client = client(HttpClientStreamableHttpTransport.builder(base)
                .endpoint(McpEndpoints.STREAMABLE_PATH).requestBuilder(withHeader).build())) {
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrder("test.echo", "test.secret");
        }
    }

    @Test
    void foreignOrigin_anyRequest_refused403WithJsonReason() throws Exception {
        HttpResponse<String> response = post(McpEndpoints.STREAMABLE_PATH, Map.of("Origin", "https://evil.example"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"error\":\"origin_not_allowed\"");
    }

    @Test
    void allowedOrigin_initialize_passesTheFilter() throws Exception {
        HttpResponse<String> response = post(McpEndpoints.STREAMABLE_PATH, Map.of("Origin", "https://myzaru.com"));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void unsupportedProtocolVersion_anyRequest_refused400NamingSupportedVersions() throws Exception {
        HttpResponse<String> response = post(McpEndpoints.STREAMABLE_PATH, Map.of("MCP-Protocol-Version", "1999-01-01"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("unsupported_protocol_version").contains("2025-06-18");
    }

    @Test
    void unknownPath_get_answersJsonWithoutStackOrServerHeader() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "/nothing/here")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":404,\"message\":\"Not Found\"}");
        assertThat(response.headers().firstValue("Server")).isEmpty();
    }

    private static HttpResponse<String> post(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                        + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}"));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static McpSyncClient client(McpClientTransport transport) {
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10)).build();
        client.initialize();
        return client;
    }
}
