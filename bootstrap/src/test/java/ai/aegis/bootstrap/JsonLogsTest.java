package ai.aegis.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.adapters.identity.DevelopmentIdentityProvider;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code AEGIS_LOG_FORMAT=json} with the service's own logging configuration: every line a JSON
 * object, the tool call's line carrying its correlation id, tenant, tool and outcome, and no bearer
 * token anywhere.
 */
class JsonLogsTest {

    @TempDir
    Path dataDirectory;

    @Test
    void jsonFormat_aToolCall_everyLineJsonWithRequestIdTenantToolOutcomeAndNoToken() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String token;
        System.setProperty("AEGIS_LOG_FORMAT", "json");
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            configure(context);
            try (AegisServer server = AegisServer.start(ServerSettings.local("127.0.0.1", 0, 0, dataDirectory),
                    IdentitySettings.fromEnvironment(Map.of()), Map.of())) {
                DevelopmentIdentityProvider idp = IdentityModule.existingDevelopmentProvider(
                        DataDirectory.prepare(dataDirectory), Clock.systemUTC());
                token = idp.mintConsumer(ZaruTier.PRO, ZaruUserId.of("json-user"), TenantId.consumer(UUID.randomUUID()),
                        Duration.ofMinutes(5)).reveal();
                try (McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport
                                .builder("http://127.0.0.1:" + server.httpPort()).endpoint("/mcp/v1")
                                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token)
                                        .header("X-Request-ID", "json-trace-1")).build())
                        .requestTimeout(Duration.ofSeconds(30)).build()) {
                    client.initialize();
                    McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("aegis.tools.list",
                            Map.of()));
                    assertThat(result.isError()).isFalse();
                }
            }
        } finally {
            System.setErr(originalErr);
            System.clearProperty("AEGIS_LOG_FORMAT");
            context.reset();
            new ch.qos.logback.classic.util.ContextInitializer(context).autoConfig();
        }

        String output = captured.toString(StandardCharsets.UTF_8);
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        JsonMapper json = JsonMapper.shared();
        List<JsonNode> events = lines.stream().map(json::readTree).toList();

        assertThat(events).isNotEmpty().allSatisfy(event -> assertThat(event.has("level")).isTrue());
        assertThat(events).anySatisfy(event -> {
            JsonNode mdc = event.get("mdc");
            assertThat(mdc).isNotNull();
            assertThat(mdc.path("request_id").asString()).isEqualTo("json-trace-1");
            assertThat(mdc.path("tool").asString()).isEqualTo("aegis.tools.list");
            assertThat(mdc.path("outcome").asString()).isEqualTo("ok");
            assertThat(mdc.path("tenant").asString()).startsWith("u-");
        });
        assertThat(output).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
    }

    private static void configure(LoggerContext context) throws JoranException {
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(JsonLogsTest.class.getResource("/logback.xml"));
    }
}
