package ai.aegis.adapters.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.adapters.web.HttpWebPageAdapter;
import ai.aegis.adapters.web.SearxngWebSearchAdapter;
import ai.aegis.adapters.web.WebSettings;
import ai.aegis.application.service.WebService;
import ai.aegis.domain.audit.AuditDecision;
import com.sun.net.httpserver.HttpServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code web.fetch} and {@code web.search} through a real Jetty server and the MCP SDK client, with
 * the real web service and SSRF-guarded adapter. The page server and the fake SearXNG run on the
 * loopback interface: the fetch adapter gets the test-only allowance for the page server's port
 * alone, so every other loopback address (the MCP server itself included) is refused as in production.
 */
class McpWebToolsTest {

    private HttpServer outside;
    private McpTestServer server;

    @BeforeEach
    void startOutside() throws IOException {
        outside = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serve("/article", "text/html; charset=utf-8", "<html><head><title>Field notes</title></head><body>"
                + "<h1>Birds</h1><p>The robin sings at <a href='/dawn'>dawn</a>.</p></body></html>");
        serve("/search", "application/json", "{\"results\":[{\"title\":\"Robin\",\"url\":\"https://birds.example/robin\","
                + "\"content\":\"A small bird.\"},{\"title\":\"Wren\",\"url\":\"https://birds.example/wren\",\"content\":\"Tiny.\"}]}");
        outside.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        outside.stop(0);
    }

    private void serve(String path, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        outside.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    private String outsideUrl(String path) {
        return "http://127.0.0.1:" + outside.getAddress().getPort() + path;
    }

    private void startServer(WebSettings settings) {
        server = new McpTestServer(wired -> {
            WebService web = new WebService(
                    HttpWebPageAdapter.forTestsAllowingLoopbackPort(settings, outside.getAddress().getPort()),
                    SearxngWebSearchAdapter.fromSettings(settings), wired.audit, wired.clock);
            wired.surface.serveWeb(web, web);
        });
    }

    private McpSyncClient client(String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder().header("Authorization", "Bearer t." + token + ".s");
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(server.base)
                .endpoint(McpEndpoints.STREAMABLE_PATH).requestBuilder(request).build())
                .requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(McpSchema.CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @Test
    void webFetch_consumerOnTheAllowedTestPage_readableTextAndAudit() {
        startServer(WebSettings.defaults());
        try (McpSyncClient consumer = client("user-free")) {
            McpSchema.CallToolResult result = consumer.callTool(new McpSchema.CallToolRequest("web.fetch",
                    Map.of("url", outsideUrl("/article"))));

            assertThat(result.isError()).isFalse();
            assertThat(structured(result)).containsEntry("status", 200).containsEntry("title", "Field notes")
                    .containsEntry("truncated", false);
            assertThat((String) structured(result).get("content")).contains("# Birds")
                    .contains("The robin sings at [dawn](" + outsideUrl("/dawn") + ").");
        }
        assertThat(server.audit.all()).anyMatch(record -> record.action().equals("web.fetch")
                && record.decision() == AuditDecision.ALLOWED && record.target().orElse("").equals("127.0.0.1"));
    }

    @Test
    void webFetch_loopbackUrlWithoutTheTestAllowance_isErrorNamingTheRefusal() {
        startServer(WebSettings.defaults());
        try (McpSyncClient consumer = client("user-pro")) {
            McpSchema.CallToolResult result = consumer.callTool(new McpSchema.CallToolRequest("web.fetch",
                    Map.of("url", server.base + "/mcp/v1")));

            assertThat(result.isError()).isTrue();
            assertThat(structured(result)).containsEntry("error", "web.address_refused");
            assertThat(text(result)).contains("127.0.0.1 is a loopback address");
        }
        assertThat(server.audit.all()).anyMatch(record -> record.action().equals("web.fetch")
                && record.decision() == AuditDecision.DENIED && record.reasonCode().equals("web.address_refused"));
    }

    @Test
    void webFetch_cloudMetadataAddress_isErrorNamingTheRefusal() {
        startServer(WebSettings.defaults());
        try (McpSyncClient consumer = client("user-enterprise")) {
            McpSchema.CallToolResult result = consumer.callTool(new McpSchema.CallToolRequest("web.fetch",
                    Map.of("url", "http://169.254.169.254/latest/meta-data/iam/")));

            assertThat(result.isError()).isTrue();
            assertThat(structured(result)).containsEntry("error", "web.address_refused");
            assertThat(text(result)).contains("cloud metadata");
        }
    }

    @Test
    void webFetch_fileUrl_isErrorSchemeNotAllowed() {
        startServer(WebSettings.defaults());
        try (McpSyncClient consumer = client("user-free")) {
            McpSchema.CallToolResult result = consumer.callTool(new McpSchema.CallToolRequest("web.fetch",
                    Map.of("url", "file:///etc/passwd")));

            assertThat(result.isError()).isTrue();
            assertThat(structured(result)).containsEntry("error", "web.scheme_not_allowed");
        }
    }

    @Test
    void webSearch_withoutAProvider_isErrorNamingTheSetting() {
        startServer(WebSettings.defaults());
        try (McpSyncClient consumer = client("user-pro")) {
            McpSchema.CallToolResult result = consumer.callTool(new McpSchema.CallToolRequest("web.search",
                    Map.of("query", "robin")));

            assertThat(result.isError()).isTrue();
            assertThat(structured(result)).containsEntry("error", "web.search_not_configured");
            assertThat(text(result)).contains("AEGIS_WEB_SEARCH_URL");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void webSearch_withAFakeSearxng_titlesLinksAndSnippetsWithinTheLimit() {
        startServer(WebSettings.defaults().withSearchUrl(URI.create(outsideUrl("/search"))));
        try (McpSyncClient consumer = client("user-free")) {
            McpSchema.CallToolResult result = consumer.callTool(new McpSchema.CallToolRequest("web.search",
                    Map.of("query", "small birds", "limit", 1)));

            assertThat(result.isError()).isFalse();
            assertThat(structured(result)).containsEntry("query", "small birds");
            assertThat((List<Object>) structured(result).get("results")).containsExactly(
                    Map.of("title", "Robin", "url", "https://birds.example/robin", "snippet", "A small bird."));
        }
    }
}
