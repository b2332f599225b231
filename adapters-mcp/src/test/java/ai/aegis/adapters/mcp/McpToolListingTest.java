package ai.aegis.adapters.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.security.PolicyDecision;
import ai.aegis.domain.security.ToolVisibility;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code tools/list} is answered from a serialised listing kept per audience (tier or role × mode):
 * what a client receives must be exactly the SDK tool descriptions the per-tool filter would have
 * let through, in registration order, for every audience and on both transports, however many
 * times and by whom the cached answer is reused.
 */
class McpToolListingTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static McpTestServer server;

    @BeforeAll
    static void start() {
        server = new McpTestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void toolsList_everyTierRoleAndMode_isTheFilteredSdkDescriptionsInOrder() {
        List<McpSchema.Tool> all = server.surface.tools().specifications().stream()
                .map(McpServerFeatures.SyncToolSpecification::tool).toList();
        int audiences = 0;
        for (Map.Entry<String, Identity> entry : server.identities.entrySet()) {
            for (Optional<ConversationMode> mode : modes()) {
                if (mode.isPresent() && mode.get().operatorOnly() && !(entry.getValue() instanceof Identity.Operator)) {
                    continue;
                }
                List<McpSchema.Tool> expected = all.stream()
                        .filter(tool -> visible(entry.getValue(), mode, tool.name())).toList();
                try (McpSyncClient client = streamable(entry.getKey(), headers(mode))) {
                    assertThat(client.listTools().tools()).as("%s %s", entry.getKey(), mode).isEqualTo(expected);
                    assertThat(client.listTools().tools()).as("%s %s again", entry.getKey(), mode).isEqualTo(expected);
                }
                audiences++;
            }
        }
        assertThat(audiences).isGreaterThan(30);
    }

    @Test
    void toolsList_sameAudienceOnTheOtherTransport_getsTheSameAnswer() {
        Map<String, String> agentic = headers(Optional.of(ConversationMode.AGENTIC));
        List<McpSchema.Tool> overStreamable;
        try (McpSyncClient client = streamable("user-business", agentic)) {
            overStreamable = client.listTools().tools();
        }
        try (McpSyncClient client = sse("user-business", headers(Optional.of(ConversationMode.AGENTIC)))) {
            assertThat(client.listTools().tools()).isEqualTo(overStreamable).isNotEmpty();
        }
    }

    @Test
    void toolsList_anotherTierAfterACachedAnswer_getsItsOwnNarrowerListing() {
        List<String> enterprise;
        try (McpSyncClient client = streamable("user-enterprise", Map.of())) {
            enterprise = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
        }
        try (McpSyncClient client = streamable("user-free", Map.of())) {
            List<String> free = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            assertThat(free).isNotEqualTo(enterprise);
            assertThat(enterprise).containsAll(free);
        }
    }

    @Test
    void toolsList_rawStreamableRequest_isTheSdksSseEventWithTheSdksJsonAndALength() throws Exception {
        String session = openSession("user-pro");
        HttpResponse<String> response = post("user-pro", session, "{\"jsonrpc\":\"2.0\",\"id\":\"a\\\"7\",\"method\":\"tools/list\"}");

        List<McpSchema.Tool> expected = server.surface.tools().specifications().stream()
                .map(McpServerFeatures.SyncToolSpecification::tool)
                .filter(tool -> visible(server.identity("user-pro"), Optional.empty(), tool.name())).toList();
        String json = McpJsonDefaults.getMapper().writeValueAsString(
                McpSchema.JSONRPCResponse.result("a\"7", new McpSchema.ListToolsResult(expected, null)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/event-stream"));
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(
                (long) response.body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(response.body()).isEqualTo("id: " + session + "\nevent: message\ndata: " + json + "\n\n");
    }

    @Test
    void toolsList_unknownSession_isLeftToTheSdkWhichAnswers404() throws Exception {
        HttpResponse<String> response = post("user-pro", UUID.randomUUID().toString(),
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}");

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void toolsList_integerIdAnsweredWithIt_fractionalIdLeftToTheSdkWhichRefusesIt() throws Exception {
        String session = openSession("user-free");

        assertThat(post("user-free", session, "{\"jsonrpc\":\"2.0\",\"id\":-42,\"method\":\"tools/list\"}").body())
                .contains("data: {\"jsonrpc\":\"2.0\",\"id\":-42,\"result\":{\"tools\":[");
        HttpResponse<String> fractional = post("user-free", session,
                "{\"jsonrpc\":\"2.0\",\"id\":4.5,\"method\":\"tools/list\"}");
        assertThat(fractional.statusCode()).isEqualTo(400);
    }

    private static String openSession(String token) throws Exception {
        HttpResponse<String> init = post(token, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return session;
    }

    private static HttpResponse<String> post(String token, String session, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base + McpEndpoints.STREAMABLE_PATH))
                .header("Authorization", "Bearer t." + token + ".s")
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static boolean visible(Identity identity, Optional<ConversationMode> mode, String tool) {
        PolicyDecision decision = mode.isPresent() ? ToolVisibility.decide(identity, mode.get(), tool)
                : ToolVisibility.decideWithoutConversation(identity, tool);
        return decision.allowed();
    }

    private static List<Optional<ConversationMode>> modes() {
        List<Optional<ConversationMode>> modes = new ArrayList<>();
        modes.add(Optional.empty());
        for (ConversationMode mode : ConversationMode.values()) {
            modes.add(Optional.of(mode));
        }
        return modes;
    }

    private static Map<String, String> headers(Optional<ConversationMode> mode) {
        return mode.map(m -> Map.of(ConversationFilter.CONVERSATION_HEADER, "listing-" + UUID.randomUUID(),
                ConversationFilter.MODE_HEADER, m.displayName())).orElse(Map.of());
    }

    private static McpSyncClient streamable(String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder().header("Authorization", "Bearer t." + token + ".s");
        headers.forEach(request::header);
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(server.base)
                .endpoint(McpEndpoints.STREAMABLE_PATH).requestBuilder(request).build())
                .requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    private static McpSyncClient sse(String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder().header("Authorization", "Bearer t." + token + ".s");
        headers.forEach(request::header);
        McpSyncClient client = McpClient.sync(HttpClientSseClientTransport.builder(server.base)
                .sseEndpoint(McpEndpoints.SSE_PATH).requestBuilder(request).build())
                .requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }
}
