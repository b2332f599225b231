package ai.aegis.adapters.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.port.in.DeployIntent;
import ai.aegis.application.port.in.DeployManifestCommand;
import ai.aegis.application.port.in.FinishExecutionCommand;
import ai.aegis.application.port.in.OperatorArguments;
import ai.aegis.application.port.in.ReportIterationCommand;
import ai.aegis.application.service.ManifestRegistryService;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionOutcome;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.iteration.IterationEventKind;
import ai.aegis.domain.registry.ManifestKind;
import ai.aegis.domain.security.PolicyDecision;
import ai.aegis.domain.security.ToolVisibility;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Workflow runs through a real Jetty server and the MCP SDK client: an operator deploys a workflow
 * (an agent step, then a human-input state) into a Pro user's account; the user runs it; the step's
 * child execution is finished through the application's use case (as a node would); the run waits,
 * is signalled, and completes.
 */
class McpWorkflowRunsTest {

    private static final String WRITER = "{\"format\": \"aegis/v1\", \"kind\": \"agent\", \"name\": \"writer\", "
            + "\"version\": \"1.0.0\", \"description\": \"Writes a draft.\", \"runtime\": \"bash\", "
            + "\"instructions\": \"Write a short draft.\"}";
    private static final String WORKFLOW = """
            {"format": "aegis/v1", "kind": "workflow", "name": "draft-and-approve", "version": "1.0.0",
             "description": "Drafts a text, then waits for approval.", "initial_state": "draft",
             "states": {
               "draft": {"type": "agent", "agent": "writer", "transitions": {"completed": "approve", "failed": "rejected"}},
               "approve": {"type": "human_input", "prompt": "Approve the draft?",
                           "input_schema": {"type": "object", "required": ["approved"],
                                            "properties": {"approved": {"type": "boolean"}}},
                           "transitions": {"signal": "done"}},
               "done": {"type": "end", "outcome": "succeeded"},
               "rejected": {"type": "end", "outcome": "failed"}}}""";

    private McpTestServer server;
    private Identity pro;

    @BeforeEach
    void start() {
        server = new McpTestServer();
        pro = server.identity("user-pro");
        ManifestRegistryService registry = new ManifestRegistryService(server.manifestStore, server.overrides,
                server.audit, server.clock);
        Identity operator = server.identity("op-operator");
        OperatorArguments intoPro = OperatorArguments.none().withTenant(((Identity.ZaruUser) pro).tenantId());
        registry.deploy(new DeployManifestCommand(operator, ManifestKind.AGENT, DeployIntent.CREATE, WRITER, intoPro));
        registry.deploy(new DeployManifestCommand(operator, ManifestKind.WORKFLOW, DeployIntent.CREATE, WORKFLOW, intoPro));
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

    private static Map<String, Object> call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        assertThat(result.isError()).as("%s answered %s", tool, result.structuredContent()).isFalse();
        return structured(result);
    }

    /** What a node does with a step: starts it and finishes it with {@code outcome}. */
    private void nodeFinishes(String step, ExecutionOutcome outcome) {
        ExecutionId id = ExecutionId.of(step);
        server.executions.report(new ReportIterationCommand(pro, id, IterationEventKind.ATTEMPT_STARTED, Optional.empty()));
        server.executions.finish(new FinishExecutionCommand(pro, id, outcome, Optional.empty()));
    }

    @Test
    void run_stepFinishedThenSignalled_waitsForInputThenSucceeds() {
        try (McpSyncClient user = client("user-pro")) {
            Map<String, Object> started = call(user, "aegis.workflow.run", Map.of("name", "draft-and-approve",
                    "inputs", Map.of("topic", "otters")));
            assertThat(started).containsEntry("status", "running").containsEntry("state", "draft")
                    .containsKey("step_execution_id");
            String run = (String) started.get("execution_id");

            nodeFinishes((String) started.get("step_execution_id"), ExecutionOutcome.COMPLETED);

            Map<String, Object> waiting = call(user, "aegis.workflow.wait", Map.of("execution_id", run, "timeout_seconds", 5));
            assertThat(waiting).containsEntry("status", "waiting").containsEntry("state", "approve")
                    .containsEntry("waiting_for_input", true).containsEntry("prompt", "Approve the draft?")
                    .containsEntry("still_running", false);
            assertThat(waiting.get("input_schema").toString()).contains("approved");

            Map<String, Object> signalled = call(user, "aegis.workflow.signal", Map.of("execution_id", run,
                    "state", "approve", "data", Map.of("approved", true)));
            assertThat(signalled).containsEntry("status", "succeeded").containsEntry("state", "done");

            Map<String, Object> finished = call(user, "aegis.workflow.wait", Map.of("execution_id", run));
            assertThat(finished).containsEntry("status", "succeeded").containsEntry("still_running", false);
            assertThat(server.executions.cancel(new ai.aegis.application.port.in.CancelExecutionCommand(pro,
                    ExecutionId.of(run)))).isEmpty();

            Map<String, Object> logs = call(user, "aegis.workflow.logs", Map.of("execution_id", run));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> entries = (List<Map<String, Object>>) logs.get("entries");
            List<Object> sentences = entries.stream().map(entry -> entry.get("sentence")).toList();
            assertThat(sentences).containsSubsequence("Moved from 'draft' to 'approve'.",
                    "Waiting for your input at 'approve': Approve the draft?", "Received your input at 'approve'.",
                    "Moved from 'approve' to 'done'.", "Finished at 'done': the run succeeded.");
            assertThat(entries).anyMatch(entry -> "completed".equals(entry.get("kind"))
                    && started.get("step_execution_id").equals(entry.get("execution_id")));
            assertThat(((Map<?, ?>) logs.get("run")).get("status")).isEqualTo("succeeded");
        }
        assertThat(server.audit.all()).anyMatch(r -> r.action().equals("workflow.run") && r.decision() == AuditDecision.ALLOWED);
        assertThat(server.audit.all()).anyMatch(r -> r.action().equals("workflow.signal") && r.decision() == AuditDecision.ALLOWED);
    }

    @Test
    void wait_withProgressToken_sendsTheStepsSentencesThenTheRunsOwn() throws Exception {
        List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
        HttpRequest.Builder headers = HttpRequest.newBuilder().header("Authorization", "Bearer t.user-pro.s");
        try (McpSyncClient user = McpClient.sync(HttpClientStreamableHttpTransport.builder(server.base)
                        .endpoint(McpEndpoints.STREAMABLE_PATH).requestBuilder(headers).build())
                .requestTimeout(Duration.ofSeconds(30))
                .progressConsumer(progress::add)
                .build()) {
            user.initialize();
            Map<String, Object> started = call(user, "aegis.workflow.run", Map.of("name", "draft-and-approve"));
            CompletableFuture<Void> node = CompletableFuture.runAsync(() -> {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (server.fanOut.watchCount() == 0 && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                nodeFinishes((String) started.get("step_execution_id"), ExecutionOutcome.COMPLETED);
            });

            McpSchema.CallToolResult result = user.callTool(McpSchema.CallToolRequest.builder().name("aegis.workflow.wait")
                    .arguments(Map.of("execution_id", started.get("execution_id"), "timeout_seconds", 20))
                    .progressToken("p-1").build());
            node.get(10, TimeUnit.SECONDS);

            assertThat(structured(result)).containsEntry("status", "waiting").containsEntry("state", "approve");
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (progress.stream().noneMatch(n -> n.message().startsWith("Waiting for your input"))
                    && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            // Notifications may reach the consumer out of order: their progress numbers give the order sent.
            assertThat(progress.stream().sorted(java.util.Comparator.comparingDouble(McpSchema.ProgressNotification::progress))
                    .map(McpSchema.ProgressNotification::message).toList()).containsSubsequence("Attempt 1 of 10: the agent is working on it.",
                    "The agent step at 'draft' completed.", "Moved from 'draft' to 'approve'.",
                    "Waiting for your input at 'approve': Approve the draft?");
        }
    }

    @Test
    void signal_runNotWaiting_refusedNamingTheState() {
        try (McpSyncClient user = client("user-pro")) {
            String run = (String) call(user, "aegis.workflow.run", Map.of("name", "draft-and-approve")).get("execution_id");

            McpSchema.CallToolResult refused = user.callTool(new McpSchema.CallToolRequest("aegis.workflow.signal",
                    Map.of("execution_id", run, "data", Map.of("approved", true))));

            assertThat(refused.isError()).isTrue();
            assertThat(structured(refused)).containsEntry("error", "workflow_run.not_waiting");
            assertThat(structured(refused).get("message").toString()).contains("'draft'").contains("running");
        }
        assertThat(server.audit.all()).anyMatch(r -> r.action().equals("workflow.signal")
                && r.decision() == AuditDecision.DENIED && r.reasonCode().equals("workflow_run.not_waiting"));
    }

    @Test
    void signal_dataWithoutTheRequiredField_refusedPointingAtIt() {
        try (McpSyncClient user = client("user-pro")) {
            Map<String, Object> started = call(user, "aegis.workflow.run", Map.of("name", "draft-and-approve"));
            nodeFinishes((String) started.get("step_execution_id"), ExecutionOutcome.COMPLETED);

            McpSchema.CallToolResult refused = user.callTool(new McpSchema.CallToolRequest("aegis.workflow.signal",
                    Map.of("execution_id", started.get("execution_id"), "data", Map.of("note", "fine"))));

            assertThat(refused.isError()).isTrue();
            assertThat(structured(refused)).containsEntry("error", "workflow_run.signal_invalid");
            assertThat(structured(refused).get("message").toString()).contains("/approved: is required");
        }
    }

    @Test
    void signal_freeUser_refusedByTheToolCatalogAndAudited() {
        try (McpSyncClient free = client("user-free")) {
            McpSchema.CallToolResult refused = free.callTool(new McpSchema.CallToolRequest("aegis.workflow.signal",
                    Map.of("execution_id", "exec-1", "data", Map.of("approved", true))));

            assertThat(refused.isError()).isTrue();
            PolicyDecision decision = ToolVisibility.decideWithoutConversation(server.identity("user-free"),
                    "aegis.workflow.signal");
            assertThat(decision.denied()).isTrue();
            assertThat(structured(refused)).containsEntry("error", decision.code()).containsEntry("message", decision.reason());
        }
        assertThat(server.audit.all()).anyMatch(r -> r.actorSubject().equals("user-free")
                && r.target().orElse("").equals("aegis.workflow.signal") && r.decision() == AuditDecision.DENIED);
    }

    @Test
    void cancel_runningRun_cancelsTheRunAndItsStep() {
        try (McpSyncClient user = client("user-pro")) {
            Map<String, Object> started = call(user, "aegis.workflow.run", Map.of("name", "draft-and-approve"));

            Map<String, Object> cancelled = call(user, "aegis.workflow.cancel",
                    Map.of("execution_id", started.get("execution_id")));

            assertThat(cancelled).containsEntry("status", "cancelled").containsEntry("state", "draft");
            Map<String, Object> step = call(user, "aegis.task.status", Map.of("execution_id", started.get("step_execution_id")));
            assertThat(step).containsEntry("status", "cancelled");
        }
        assertThat(server.audit.all()).anyMatch(r -> r.action().equals("workflow.cancel") && r.decision() == AuditDecision.ALLOWED);
    }

    @Test
    void run_stepFailed_runFailsThroughItsFailedTransition() {
        try (McpSyncClient user = client("user-pro")) {
            Map<String, Object> started = call(user, "aegis.workflow.run", Map.of("name", "draft-and-approve"));

            nodeFinishes((String) started.get("step_execution_id"), ExecutionOutcome.FAILED);

            Map<String, Object> ended = call(user, "aegis.workflow.wait", Map.of("execution_id", started.get("execution_id"),
                    "timeout_seconds", 5));
            assertThat(ended).containsEntry("status", "failed").containsEntry("state", "rejected")
                    .containsEntry("still_running", false);
        }
    }

    @Test
    void run_unknownWorkflow_refusedNotFound() {
        try (McpSyncClient user = client("user-pro")) {
            McpSchema.CallToolResult refused = user.callTool(new McpSchema.CallToolRequest("aegis.workflow.run",
                    Map.of("name", "no-such-workflow")));

            assertThat(refused.isError()).isTrue();
            assertThat(structured(refused)).containsEntry("error", "workflow.not_found");
        }
    }
}
