package ai.aegis.adapters.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.port.in.FinishExecutionCommand;
import ai.aegis.application.port.in.ReportIterationCommand;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionOutcome;
import ai.aegis.domain.execution.ExecutionOutput;
import ai.aegis.domain.execution.TaskSpec;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.iteration.IterationEventKind;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Execute mode through the real server and SDK client: {@code aegis.execute.intent} validates typed
 * inputs, starts the conversation's task with them on standard input, waits with progress, and answers
 * with what the run printed; {@code aegis.execute.status} shows it afterwards. A fake node (these
 * tests) drives the execution through the application's use cases.
 */
class McpExecuteModeTest {

    private static McpTestServer server;

    @BeforeAll
    static void start() {
        server = new McpTestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static McpSyncClient executeMode(String token, List<String> progress) {
        return client(token, ConversationMode.EXECUTE, progress);
    }

    private static McpSyncClient client(String token, ConversationMode mode, List<String> progress) {
        HttpRequest.Builder request = HttpRequest.newBuilder().header("Authorization", "Bearer t." + token + ".s")
                .header(ConversationFilter.CONVERSATION_HEADER, "c-" + UUID.randomUUID())
                .header(ConversationFilter.MODE_HEADER, mode.displayName());
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(server.base)
                        .endpoint(McpEndpoints.STREAMABLE_PATH).requestBuilder(request).build())
                .requestTimeout(Duration.ofSeconds(30))
                .progressConsumer(notification -> progress.add(notification.message()))
                .build();
        client.initialize();
        return client;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(McpSchema.CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }

    private static Execution awaitStartedBy(Identity.ZaruUser user) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            Optional<Execution> started = server.executionStore.listAcrossTenants(ai.aegis.application.port.out.ExecutionListFilter.all(), 1000).stream()
                    .filter(execution -> execution.ownerSubject().equals(user.subject()) && !execution.isTerminal())
                    .findFirst();
            if (started.isPresent() && server.fanOut.watchCount() > 0) {
                return started.get();
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no execution was started for " + user.subject());
    }

    @Test
    @SuppressWarnings("unchecked")
    void intent_withTypedInputsAndCode_runsWithInputsOnStdinAndAnswersWithTheOutput() throws Exception {
        Identity.ZaruUser user = (Identity.ZaruUser) server.identity("user-business");
        List<String> progress = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = executeMode("user-business", progress)) {
            CompletableFuture<Execution> node = CompletableFuture.supplyAsync(() -> {
                Execution execution = awaitStartedBy(user);
                server.executions.report(new ReportIterationCommand(user, execution.id(),
                        IterationEventKind.ATTEMPT_STARTED, Optional.empty()));
                server.executions.finish(new FinishExecutionCommand(user, execution.id(), ExecutionOutcome.COMPLETED,
                        Optional.empty(), Optional.of(ExecutionOutput.of("5\n", "", 0, false, List.of("sum.txt")))));
                return execution;
            });

            McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder()
                    .name("aegis.execute.intent").arguments(Map.of("intent", "Add the two numbers",
                            "inputs", Map.of("a", Map.of("type", "integer", "value", 2), "b", 3),
                            "code", "import json,sys\nd=json.load(sys.stdin)\nprint(d['a']+d['b'])", "language", "python"))
                    .progressToken("p-1").build());
            Execution execution = node.get(10, TimeUnit.SECONDS);

            assertThat(result.isError()).as("%s", result.content()).isFalse();
            assertThat(structured(result)).containsEntry("status", "completed").containsEntry("still_running", false);
            assertThat((Map<String, Object>) structured(result).get("output")).containsEntry("stdout", "5\n")
                    .containsEntry("files", List.of("sum.txt"));
            TaskSpec task = server.tasks.find(user.tenantId(), execution.id()).orElseThrow();
            assertThat(task.input().orElseThrow()).startsWith("{").contains("\"a\":2").contains("\"b\":3");
            assertThat(task.code()).isPresent();
            assertThat(task.instructions()).startsWith("Add the two numbers").contains("a (integer)").contains("b (integer)");
            assertThat(structured(client.callTool(new McpSchema.CallToolRequest("aegis.execute.status",
                    Map.of("execution_id", execution.id().value()))))).containsKey("output");
        }
    }

    @Test
    void intent_valueNotOfItsDeclaredType_refusedNamingItAndNothingStarts() {
        Identity.ZaruUser user = (Identity.ZaruUser) server.identity("user-pro");
        try (McpSyncClient client = executeMode("user-pro", new CopyOnWriteArrayList<>())) {
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("aegis.execute.intent",
                    Map.of("intent", "Double it", "inputs", Map.of("n", Map.of("type", "number", "value", "ten")))));

            assertThat(result.isError()).isTrue();
            assertThat(structured(result)).containsEntry("error", "execute.input_type_mismatch");
            assertThat(result.content().toString()).contains("input 'n' is declared as number but the value given is a string");
            assertThat(server.executionStore.listAcrossTenants(ai.aegis.application.port.out.ExecutionListFilter.all(), 1000)).noneMatch(execution -> execution.ownerSubject().equals(user.subject()));
        }
    }

    @Test
    void taskExecute_namingAnAgent_carriesTheAgentsInstructionsCodeAndCheck() {
        Map<String, Object> manifest = Map.of("format", "aegis/v1", "kind", "agent", "name", "greeter",
                "version", "1.0.0", "description", "Greets.", "runtime", "python:3.12",
                "instructions", "Greet the person politely.",
                "code", Map.of("filename", "main.py", "source", "print('hi')"),
                "validation", Map.of("expected_output", "hi"));
        try (McpSyncClient operator = client("op-operator", ConversationMode.OPERATOR, new CopyOnWriteArrayList<>())) {
            assertThat(operator.callTool(new McpSchema.CallToolRequest("aegis.agent.create", Map.of("manifest", manifest)))
                    .isError()).isFalse();

            McpSchema.CallToolResult started = operator.callTool(new McpSchema.CallToolRequest("aegis.task.execute",
                    Map.of("task", "Greet Ada", "agent", "greeter")));

            assertThat(started.isError()).as("%s", started.content()).isFalse();
            Execution execution = server.executionStore.findInAnyTenant(
                    ai.aegis.domain.execution.ExecutionId.of((String) structured(started).get("execution_id"))).orElseThrow();
            TaskSpec task = server.tasks.find(execution.tenantId(), execution.id()).orElseThrow();
            assertThat(task.instructions()).startsWith("Greet the person politely.").endsWith("Request: Greet Ada");
            assertThat(task.code()).contains("print('hi')");
            assertThat(task.runtime()).contains("python");
            assertThat(task.expectedOutput()).contains("hi");
            assertThat(task.agent()).contains("greeter");
        }
    }

    @Test
    void taskExecute_namingAnUnknownAgent_refusedAndNothingStarts() {
        try (McpSyncClient client = client("user-enterprise", ConversationMode.AGENTIC, new CopyOnWriteArrayList<>())) {
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("aegis.task.execute",
                    Map.of("task", "Do it", "agent", "no-such-agent")));

            assertThat(result.isError()).isTrue();
            assertThat(result.content().toString()).contains("no-such-agent");
            Identity user = server.identity("user-enterprise");
            assertThat(server.executionStore.listAcrossTenants(ai.aegis.application.port.out.ExecutionListFilter.all(), 1000))
                    .noneMatch(execution -> execution.ownerSubject().equals(user.subject()));
        }
    }

    @Test
    void agentLogsAndWait_ofAnAgentRun_answerAsTheTaskToolsDo() {
        Identity.ZaruUser user = (Identity.ZaruUser) server.identity("user-free");
        try (McpSyncClient client = client("user-free", ConversationMode.AGENTIC, new CopyOnWriteArrayList<>())) {
            String id = (String) structured(client.callTool(new McpSchema.CallToolRequest("aegis.task.execute",
                    Map.of("task", "Summarise")))).get("execution_id");
            Execution execution = server.executionStore.findInAnyTenant(ai.aegis.domain.execution.ExecutionId.of(id))
                    .orElseThrow();
            server.executions.report(new ReportIterationCommand(user, execution.id(), IterationEventKind.ATTEMPT_STARTED,
                    Optional.empty()));
            server.executions.finish(new FinishExecutionCommand(user, execution.id(), ExecutionOutcome.COMPLETED,
                    Optional.empty()));

            Map<String, Object> logs = structured(client.callTool(new McpSchema.CallToolRequest("aegis.agent.logs",
                    Map.of("execution_id", id))));
            Map<String, Object> waited = structured(client.callTool(new McpSchema.CallToolRequest("aegis.agent.wait",
                    Map.of("execution_id", id, "timeout_seconds", 5))));

            assertThat(logs).isEqualTo(structured(client.callTool(new McpSchema.CallToolRequest("aegis.task.logs",
                    Map.of("execution_id", id)))));
            assertThat(waited).containsEntry("status", "completed").containsEntry("still_running", false);
        }
    }
}
