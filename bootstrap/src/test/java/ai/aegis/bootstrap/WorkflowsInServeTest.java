package ai.aegis.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.adapters.identity.DevelopmentIdentityProvider;
import ai.aegis.domain.identity.AegisRole;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aegis serve} runs workflows: an operator deploys an agent and a workflow over MCP, runs it,
 * answers its first human-input state, and cancels the agent step's execution; the run moves on
 * through the PostgreSQL LISTEN/NOTIFY listener alone (nothing in the test advances it) to the
 * state the workflow names for a failed step, where a second signal finishes it.
 */
class WorkflowsInServeTest {

    private static final Map<String, Object> AGENT = Map.of("format", "aegis/v1", "kind", "agent", "name", "writer",
            "version", "1.0.0", "description", "Writes a draft.", "runtime", "bash", "instructions", "Write a draft.");
    private static final Map<String, Object> WORKFLOW = Map.of("format", "aegis/v1", "kind", "workflow",
            "name", "ask-then-draft", "version", "1.0.0", "description", "Asks for a topic, then drafts.",
            "initial_state", "ask", "states", Map.of(
                    "ask", Map.of("type", "human_input", "prompt", "Which topic?", "transitions", Map.of("signal", "draft")),
                    "draft", Map.of("type", "agent", "agent", "writer",
                            "transitions", Map.of("completed", "done", "failed", "fallback")),
                    "fallback", Map.of("type", "human_input", "prompt", "The draft failed; finish anyway?",
                            "transitions", Map.of("signal", "done")),
                    "done", Map.of("type", "end", "outcome", "succeeded")));

    @TempDir
    static Path dataDirectory;

    private static AegisServer server;
    private static DevelopmentIdentityProvider idp;

    @BeforeAll
    static void start() {
        server = AegisServer.start(ServerSettings.local("127.0.0.1", 0, 0, dataDirectory),
                IdentitySettings.fromEnvironment(Map.of()));
        idp = IdentityModule.existingDevelopmentProvider(DataDirectory.prepare(dataDirectory), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static McpSyncClient operator() {
        HttpRequest.Builder headers = HttpRequest.newBuilder().header("Authorization",
                "Bearer " + idp.mintOperator(AegisRole.OPERATOR, "sre-1", Duration.ofMinutes(10)).reveal());
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:"
                        + server.httpPort()).endpoint("/mcp/v1").requestBuilder(headers).build())
                .requestTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
        return client;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        assertThat(result.isError()).as("%s answered %s", tool, result.structuredContent()).isFalse();
        return (Map<String, Object>) result.structuredContent();
    }

    @Test
    void workflowRun_signalStepCancelledSignal_movesOnThroughTheListenerAndSucceeds() {
        try (McpSyncClient client = operator()) {
            call(client, "aegis.agent.create", Map.of("manifest", AGENT));
            call(client, "aegis.workflow.create", Map.of("manifest", WORKFLOW));

            Map<String, Object> started = call(client, "aegis.workflow.run", Map.of("name", "ask-then-draft"));
            assertThat(started).containsEntry("status", "waiting").containsEntry("state", "ask");
            String run = (String) started.get("execution_id");

            Map<String, Object> drafting = call(client, "aegis.workflow.signal", Map.of("execution_id", run,
                    "data", Map.of("topic", "otters")));
            assertThat(drafting).containsEntry("status", "running").containsEntry("state", "draft");

            call(client, "aegis.task.cancel", Map.of("execution_id", drafting.get("step_execution_id")));
            Map<String, Object> fallback = call(client, "aegis.workflow.wait", Map.of("execution_id", run,
                    "timeout_seconds", 30));
            assertThat(fallback).containsEntry("status", "waiting").containsEntry("state", "fallback");

            Map<String, Object> done = call(client, "aegis.workflow.signal", Map.of("execution_id", run,
                    "data", Map.of("finish", true)));
            assertThat(done).containsEntry("status", "succeeded").containsEntry("state", "done");
            assertThat(call(client, "aegis.task.status", Map.of("execution_id", run))).containsEntry("status", "completed");
            assertThat(call(client, "aegis.workflow.logs", Map.of("execution_id", run)).get("entries").toString())
                    .contains("Moved from 'draft' to 'fallback'.");
        }
    }
}
