package ai.aegis.adapters.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.limits.RateLimitKey;
import ai.aegis.domain.limits.RateWindow;
import ai.aegis.domain.security.ToolPattern;
import ai.aegis.domain.tenancy.TenantScope;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry, volume, runtime and rate-limit tools through a real Jetty server and the MCP SDK
 * client, on the in-memory twins of their stores.
 */
class McpRegistryVolumesAndLimitsTest {

    private static final Map<String, Object> AGENT = Map.of("format", "aegis/v1", "kind", "agent",
            "name", "csv-summariser", "version", "1.0.0", "description", "Summarises a CSV file.",
            "runtime", "python:3.12", "instructions", "Read the CSV in /workspace and print a summary.");

    private McpTestServer server;

    @BeforeEach
    void start() {
        server = new McpTestServer();
    }

    @AfterEach
    void stop() {
        server.close();
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

    private static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    @Test
    void agentCreate_operatorThenListAndExport_roundTripsTheManifest() {
        try (McpSyncClient operator = client("op-operator")) {
            McpSchema.CallToolResult created = call(operator, "aegis.agent.create", Map.of("manifest", AGENT));
            assertThat(created.isError()).isFalse();
            assertThat(structured(created)).containsEntry("name", "csv-summariser").containsEntry("version", "1.0.0")
                    .containsEntry("tenant", TenantScope.SYSTEM.value());

            List<?> agents = (List<?>) structured(call(operator, "aegis.agent.list", Map.of())).get("agents");
            assertThat(agents).singleElement().asString().contains("csv-summariser");
            Map<String, Object> exported = structured(call(operator, "aegis.agent.export", Map.of("name", "csv-summariser")));
            assertThat(exported).containsEntry("version", "1.0.0");
            assertThat(exported.get("manifest").toString()).contains("runtime=python:3.12");
        }
    }

    @Test
    void agentCreate_consumer_refusedByTheRegistryAsOperatorsOnly() {
        try (McpSyncClient consumer = client("user-enterprise")) {
            McpSchema.CallToolResult result = call(consumer, "aegis.agent.create", Map.of("manifest", AGENT));

            assertThat(result.isError()).isTrue();
        }
        assertThat(server.audit.all()).anyMatch(record -> record.actorSubject().equals("user-enterprise")
                && record.decision() == ai.aegis.domain.audit.AuditDecision.DENIED);
    }

    @Test
    void schemaValidate_badName_errorPointsAtTheField() {
        Map<String, Object> bad = new java.util.HashMap<>(AGENT);
        bad.put("name", "Not A Name");
        try (McpSyncClient consumer = client("user-pro")) {
            Map<String, Object> result = structured(call(consumer, "aegis.schema.validate",
                    Map.of("kind", "agent", "manifest", bad)));

            assertThat(result).containsEntry("valid", false);
            assertThat((List<?>) result.get("errors")).singleElement().asString().contains("/name");
            assertThat(structured(call(consumer, "aegis.schema.get", Map.of("kind", "workflow")))).containsKey("schema");
        }
    }

    @Test
    void volumes_createListQuotaDelete_inTheCallersTenant() {
        try (McpSyncClient consumer = client("user-free")) {
            assertThat(call(consumer, "aegis.volume.create", Map.of("name", "notes")).isError()).isFalse();
            assertThat(structured(call(consumer, "aegis.volume.list", Map.of())).get("volumes").toString()).contains("notes");
            Map<String, Object> quota = structured(call(consumer, "aegis.volume.quota", Map.of()));
            assertThat(((Number) quota.get("volumes")).longValue()).isEqualTo(1);
            assertThat(((Number) quota.get("bytes_limit")).longValue()).isEqualTo(500L * 1024 * 1024);

            assertThat(structured(call(consumer, "aegis.volume.delete", Map.of("name", "notes"))))
                    .containsEntry("deleted", true);
            assertThat(((Number) structured(call(consumer, "aegis.volume.quota", Map.of())).get("volumes")).longValue())
                    .isZero();
        }
    }

    @Test
    void runtimeList_anyConsumer_runtimesTheNodesOffer() {
        try (McpSyncClient consumer = client("user-pro")) {
            assertThat(structured(call(consumer, "aegis.runtime.list", Map.of())).get("runtimes"))
                    .isEqualTo(List.of("python", "bash"));
        }
    }

    @Test
    void toolCalls_pastAPerMinuteOverride_refusedWithRetryAfterAndAudited() {
        Identity pro = server.identity("user-pro");
        server.overrides.setUser(((Identity.ZaruUser) pro).tenantId(), pro.subject(), LimitOverrides.none()
                .withRateLimit(RateLimitKey.toolCalls(ToolPattern.of("aegis.runtime.*"), RateWindow.MINUTE), CountLimit.of(2)));
        try (McpSyncClient consumer = client("user-pro")) {
            assertThat(call(consumer, "aegis.runtime.list", Map.of()).isError()).isFalse();
            assertThat(call(consumer, "aegis.runtime.list", Map.of()).isError()).isFalse();

            McpSchema.CallToolResult third = call(consumer, "aegis.runtime.list", Map.of());

            assertThat(third.isError()).isTrue();
            assertThat(structured(third)).containsEntry("error", "limit.rate.tool_call").containsKey("retry_after_seconds");
            assertThat(((Number) structured(third).get("retry_after_seconds")).longValue()).isBetween(1L, 60L);
            // Another tool is not under that pattern.
            assertThat(call(consumer, "aegis.volume.list", Map.of()).isError()).isFalse();
        }
        assertThat(server.audit.all()).anyMatch(record -> record.reasonCode().equals("limit.rate.tool_call"));
    }

    @Test
    void hiddenTool_calledByName_usesNoQuota() {
        Identity free = server.identity("user-free");
        server.overrides.setUser(((Identity.ZaruUser) free).tenantId(), free.subject(), LimitOverrides.none()
                .withRateLimit(RateLimitKey.toolCalls(ToolPattern.ANY, RateWindow.MINUTE), CountLimit.of(1)));
        try (McpSyncClient consumer = client("user-free")) {
            McpSchema.CallToolResult hidden = call(consumer, "aegis.workflow.signal",
                    Map.of("execution_id", "x", "data", Map.of()));
            assertThat(hidden.isError()).isTrue();
            assertThat(structured(hidden).get("error")).isNotEqualTo("limit.rate.tool_call");

            assertThat(call(consumer, "aegis.runtime.list", Map.of()).isError()).isFalse();
        }
    }
}
