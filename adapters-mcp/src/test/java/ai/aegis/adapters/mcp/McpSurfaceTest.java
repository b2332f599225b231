package ai.aegis.adapters.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.in.ReportIterationCommand;
import ai.aegis.application.port.in.SpawnChildExecutionCommand;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.iteration.IterationEventKind;
import ai.aegis.domain.security.PolicyDecision;
import ai.aegis.domain.security.ToolDescriptor;
import ai.aegis.domain.security.ToolVisibility;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

/** The MCP surface through a real HTTP server, driven by the MCP Java SDK client over both transports. */
class McpSurfaceTest {

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
    void seedConfiguredClient_legacySse_seesTheWholeSurfaceOfItsTier() {
        Identity pro = server.identity("user-pro");
        try (McpSyncClient client = sse("user-pro", Map.of("X-Zaru-User-ID", pro.subject(), "X-Zaru-Tier", "pro"))) {
            assertThat(names(client.listTools().tools())).containsExactlyElementsOf(
                    ToolVisibility.visibleToolsWithoutConversation(pro).stream().map(ToolDescriptor::name).toList());
            assertThat(names(client.listTools().tools())).contains("aegis.workflow.signal", "aegis.task.execute");
        }
    }

    @Test
    void visibilityMatrix_everyToolTierRoleAndMode_listingAndCallingAgree() {
        List<Optional<ConversationMode>> modes = new ArrayList<>();
        modes.add(Optional.empty());
        for (ConversationMode mode : ConversationMode.values()) {
            modes.add(Optional.of(mode));
        }
        int checked = 0;
        for (Map.Entry<String, Identity> entry : server.identities.entrySet()) {
            Identity identity = entry.getValue();
            for (Optional<ConversationMode> mode : modes) {
                if (mode.isPresent() && mode.get().operatorOnly() && !(identity instanceof Identity.Operator)) {
                    continue; // refused before any listing: see consumerAsksForOperatorMode_refused403
                }
                Map<String, String> headers = mode.map(m -> Map.of(ConversationFilter.CONVERSATION_HEADER,
                        "matrix-" + UUID.randomUUID(), ConversationFilter.MODE_HEADER, m.displayName())).orElse(Map.of());
                try (McpSyncClient client = streamable(entry.getKey(), headers)) {
                    List<String> listed = names(client.listTools().tools());
                    for (String tool : McpToolRegistry.mcpToolNames()) {
                        PolicyDecision decision = mode.isPresent() ? ToolVisibility.decide(identity, mode.get(), tool)
                                : ToolVisibility.decideWithoutConversation(identity, tool);
                        assertThat(listed.contains(tool)).as("%s %s lists %s", entry.getKey(), mode, tool)
                                .isEqualTo(decision.allowed());
                        if (decision.denied()) {
                            McpSchema.CallToolResult result = client.callTool(
                                    new McpSchema.CallToolRequest(tool, validArguments(tool)));
                            assertThat(result.isError()).isTrue();
                            assertThat(structured(result)).containsEntry("error", decision.code())
                                    .containsEntry("message", decision.reason());
                        }
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(1_000);
    }

    @Test
    void toolsSearch_hiddenTool_givesTheReasonACallGetsAndTheRefusalIsAudited() {
        Map<String, String> chat = conversation(ConversationMode.AGENTIC);
        try (McpSyncClient client = streamable("user-free", chat)) {
            McpSchema.CallToolResult search = client.callTool(new McpSchema.CallToolRequest("aegis.tools.search",
                    Map.of("query", "workflow.signal")));
            McpSchema.CallToolResult call = client.callTool(new McpSchema.CallToolRequest("aegis.workflow.signal",
                    validArguments("aegis.workflow.signal")));

            @SuppressWarnings("unchecked")
            Map<String, Object> found = ((List<Map<String, Object>>) structured(search).get("tools")).get(0);
            assertThat(found).containsEntry("available", false).containsEntry("reason", structured(call).get("message"));
            assertThat(server.audit.all()).anyMatch(record -> record.target().orElse("").equals("aegis.workflow.signal")
                    && record.decision() == ai.aegis.domain.audit.AuditDecision.DENIED
                    && record.reasonCode().equals(structured(call).get("error")));
        }
    }

    @Test
    void unknownOrRuntimeOnlyTool_calledByName_refusedWithAReasonAndAudited() {
        try (McpSyncClient client = streamable("user-pro", Map.of())) {
            McpSchema.CallToolResult unknown = client.callTool(new McpSchema.CallToolRequest("aegis.nothing.here", Map.of()));
            McpSchema.CallToolResult runtimeOnly = client.callTool(new McpSchema.CallToolRequest("fs.read",
                    Map.of("path", "/workspace/a")));

            assertThat(unknown.isError()).isTrue();
            assertThat(structured(unknown)).containsEntry("error", "tool.unknown");
            assertThat(runtimeOnly.isError()).isTrue();
            assertThat(structured(runtimeOnly).get("message")).isEqualTo(
                    ToolVisibility.decideWithoutConversation(server.identity("user-pro"), "fs.read").reason());
        }
        assertThat(server.audit.all()).anyMatch(record -> record.target().orElse("").equals("aegis.nothing.here")
                && record.reasonCode().equals("tool.unknown"));
    }

    @Test
    void missingToken_anyRequest_401WithWwwAuthenticate() throws Exception {
        HttpResponse<String> response = raw(Map.of(), initialize());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString()
                .startsWith("Bearer resource_metadata=");
    }

    @Test
    void userIdHeaderOfSomeoneElse_anyRequest_refused403() throws Exception {
        HttpResponse<String> response = raw(Map.of("Authorization", "Bearer t.user-pro.s", "X-Zaru-User-ID", "someone-else"),
                initialize());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("identity.header_mismatch");
    }

    @Test
    void modeLock_otherModeAfterTheFirstToolCall_refused409() throws Exception {
        String id = "locked-" + UUID.randomUUID();
        try (McpSyncClient client = streamable("user-pro", Map.of(ConversationFilter.CONVERSATION_HEADER, id,
                ConversationFilter.MODE_HEADER, "Agentic"))) {
            client.callTool(new McpSchema.CallToolRequest("aegis.tools.list", Map.of()));
        }

        HttpResponse<String> response = raw(Map.of("Authorization", "Bearer t.user-pro.s",
                ConversationFilter.CONVERSATION_HEADER, id, ConversationFilter.MODE_HEADER, "Execute"), initialize());

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("conversation.mode_locked").contains("Agentic");
    }

    @Test
    void someoneElsesConversation_named_readsAsNotFound() throws Exception {
        String id = "op-owned-" + UUID.randomUUID();
        try (McpSyncClient client = streamable("op-admin", Map.of(ConversationFilter.CONVERSATION_HEADER, id,
                ConversationFilter.MODE_HEADER, "Operator"))) {
            client.listTools();
        }

        HttpResponse<String> response = raw(Map.of("Authorization", "Bearer t.op-operator.s",
                ConversationFilter.CONVERSATION_HEADER, id), initialize());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("conversation.not_found");
    }

    @Test
    void consumerAsksForOperatorMode_refused403() throws Exception {
        HttpResponse<String> response = raw(Map.of("Authorization", "Bearer t.user-enterprise.s",
                ConversationFilter.CONVERSATION_HEADER, "c-" + UUID.randomUUID(), ConversationFilter.MODE_HEADER, "Operator"),
                initialize());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("mode.operator_only");
    }

    @Test
    void chatMode_contextPanel_isEmptyAndAgenticListsToolsWithSchemas() {
        try (McpSyncClient chat = streamable("user-pro", conversation(ConversationMode.CHAT));
             McpSyncClient agentic = streamable("user-pro", conversation(ConversationMode.AGENTIC))) {
            assertThat(chat.listResources().resources()).isEmpty();
            assertThat(chat.listTools().tools()).isEmpty();

            List<McpSchema.Resource> panel = agentic.listResources().resources();
            assertThat(panel).extracting(McpSchema.Resource::uri).contains("aegis://tools/aegis.task.execute")
                    .doesNotContain("aegis://tools/aegis.workflow.run");
            McpSchema.ReadResourceResult read = agentic.readResource(
                    new McpSchema.ReadResourceRequest("aegis://tools/aegis.task.execute"));
            assertThat(((McpSchema.TextResourceContents) read.contents().get(0)).text()).contains("\"parameters\"")
                    .contains("\"task\"");
            McpSchema.GetPromptResult prompt = agentic.getPrompt(new McpSchema.GetPromptRequest(ContextPanel.SEND_TO_CHAT,
                    Map.of("uri", "aegis://tools/aegis.task.execute")));
            assertThat(((McpSchema.TextContent) prompt.messages().get(0).content()).text())
                    .contains("aegis.task.execute").contains("Parameters");
        }
    }

    @Test
    void toolTheServerWasAssembledWithout_called_answersNotServedNamingWhatIsMissing() {
        // This test server is assembled without operator administration.
        assertThat(server.surface.tools().unservedTools()).contains("aegis.user.get");
        try (McpSyncClient client = streamable("op-admin", Map.of())) {
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("aegis.user.get",
                    Map.of("tenant", "acme-labs", "user_id", "alice")));

            assertThat(result.isError()).isTrue();
            assertThat(structured(result)).containsEntry("error", "tool.not_served");
            assertThat(text(result)).contains("operator administration");
        }
    }

    @Test
    void consumerPassesForce_anyTool_refusedAsOperatorOnlyAndAudited() {
        try (McpSyncClient client = streamable("user-business", Map.of())) {
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("aegis.task.cancel",
                    Map.of("force", true)));

            assertThat(result.isError()).isTrue();
            assertThat(structured(result)).containsEntry("error", "tool.operator_argument");
            assertThat(text(result)).contains("'force'").contains("operators only");
        }
        assertThat(server.audit.all()).anyMatch(record -> record.reasonCode().equals("tool.operator_argument"));
    }

    @Test
    void secondExecute_whileTheRootRuns_refusedSayingWhatRunsAndHowToCancel() {
        try (McpSyncClient client = streamable("user-enterprise", conversation(ConversationMode.AGENTIC))) {
            McpSchema.CallToolResult first = client.callTool(new McpSchema.CallToolRequest("aegis.task.execute",
                    Map.of("task", "count the words")));
            String running = (String) structured(first).get("execution_id");

            McpSchema.CallToolResult second = client.callTool(new McpSchema.CallToolRequest("aegis.task.execute",
                    Map.of("task", "something else")));

            assertThat(second.isError()).isTrue();
            assertThat(text(second)).contains(running).contains("aegis.task.cancel").contains("aegis.task.wait");
        }
    }

    @Test
    void taskWait_withProgressToken_sendsEachPlainEnglishSentenceAndTheFinalStatus() throws Exception {
        java.util.concurrent.ConcurrentSkipListMap<Double, String> progress = new java.util.concurrent.ConcurrentSkipListMap<>();
        Identity user = server.identity("user-enterprise");
        HttpRequest.Builder headers = HttpRequest.newBuilder().header("Authorization", "Bearer t.user-enterprise.s");
        conversation(ConversationMode.AGENTIC).forEach(headers::header);
        try (McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(server.base)
                        .endpoint(McpEndpoints.STREAMABLE_PATH).requestBuilder(headers).build())
                .requestTimeout(Duration.ofSeconds(30))
                .progressConsumer(notification -> progress.put(notification.progress(), notification.message()))
                .build()) {
            client.initialize();
            String id = (String) structured(client.callTool(new McpSchema.CallToolRequest("aegis.task.execute",
                    Map.of("task", "sum the numbers")))).get("execution_id");
            ExecutionId execution = ExecutionId.of(id);
            CompletableFuture<Void> agent = CompletableFuture.runAsync(() -> {
                awaitWatch();
                server.executions.report(new ReportIterationCommand(user, execution, IterationEventKind.ATTEMPT_STARTED,
                        Optional.empty()));
                server.executions.report(new ReportIterationCommand(user, execution, IterationEventKind.VALIDATION_FAILED,
                        Optional.of("the total was off by one")));
                server.executions.finish(new ai.aegis.application.port.in.FinishExecutionCommand(user, execution,
                        ai.aegis.domain.execution.ExecutionOutcome.COMPLETED, Optional.empty()));
            });

            McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder()
                    .name("aegis.task.wait").arguments(Map.of("execution_id", id, "timeout_seconds", 20))
                    .progressToken("p-1").build());
            agent.get(10, TimeUnit.SECONDS);

            assertThat(structured(result)).containsEntry("status", "completed").containsEntry("still_running", false);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (progress.size() < 3 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertThat(progress).hasSize(3);
            assertThat(progress.keySet()).containsExactly(1.0, 2.0, 3.0);
            assertThat(progress.values()).allSatisfy(sentence -> assertThat(sentence).doesNotContain("Exception")
                    .doesNotContain(id).matches("[A-Z].*\\."));
            assertThat(progress.values()).containsExactly("Attempt 1 of 50: the agent is working on it.",
                    "Attempt 1 of 50: the tests failed, so the agent is fixing the total was off by one and trying again.",
                    "Done after 1 attempt.");
        }
    }

    @Test
    void taskWait_overLegacySse_sendsProgressOnTheEventStream() throws Exception {
        java.util.concurrent.ConcurrentSkipListMap<Double, String> progress = new java.util.concurrent.ConcurrentSkipListMap<>();
        Identity user = server.identity("user-business");
        HttpRequest.Builder headers = HttpRequest.newBuilder().header("Authorization", "Bearer t.user-business.s");
        try (McpSyncClient client = McpClient.sync(HttpClientSseClientTransport.builder(server.base)
                        .sseEndpoint(McpEndpoints.SSE_PATH).requestBuilder(headers).build())
                .requestTimeout(Duration.ofSeconds(30))
                .progressConsumer(notification -> progress.put(notification.progress(), notification.message()))
                .build()) {
            client.initialize();
            String id = (String) structured(client.callTool(new McpSchema.CallToolRequest("aegis.task.execute",
                    Map.of("task", "tidy up")))).get("execution_id");
            ExecutionId execution = ExecutionId.of(id);
            int watchesBefore = server.fanOut.watchCount();
            CompletableFuture<Void> agent = CompletableFuture.runAsync(() -> {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (server.fanOut.watchCount() == watchesBefore && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                server.executions.report(new ReportIterationCommand(user, execution, IterationEventKind.ATTEMPT_STARTED,
                        Optional.of("the notes")));
                server.executions.cancel(new ai.aegis.application.port.in.CancelExecutionCommand(user, execution));
            });

            McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder()
                    .name("aegis.task.wait").arguments(Map.of("execution_id", id, "timeout_seconds", 20))
                    .progressToken("sse-1").build());
            agent.get(10, TimeUnit.SECONDS);

            assertThat(structured(result)).containsEntry("status", "cancelled");
            // The client hands notifications to its consumer on other threads, so arrival order is not
            // the order sent; the increasing progress value is, as the protocol intends.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (progress.size() < 2 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertThat(progress.values()).containsExactly("Attempt 1 of 25: the agent is working on the notes.",
                    "The run was cancelled during attempt 1 of 25.");
        }
    }

    @Test
    void notificationsCancelled_forAnInFlightWait_cancelsEveryDescendant() throws Exception {
        Identity user = server.identity("user-business");
        Map<String, String> chat = conversation(ConversationMode.AGENTIC);
        Map<String, String> headers = new LinkedHashMap<>(chat);
        headers.put("Authorization", "Bearer t.user-business.s");
        HttpResponse<String> init = raw(headers, initialize());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        headers.put("Mcp-Session-Id", session);
        headers.put("MCP-Protocol-Version", "2025-06-18");
        raw(headers, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        String started = raw(headers, "{\"jsonrpc\":\"2.0\",\"id\":\"exec-1\",\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"aegis.task.execute\",\"arguments\":{\"task\":\"split the work\"}}}").body();
        ExecutionId root = ExecutionId.of(executionIdIn(started));
        Execution child = server.executions.spawn(SpawnChildExecutionCommand.inheriting(user, root));
        Execution grandchild = server.executions.spawn(SpawnChildExecutionCommand.inheriting(user, child.id()));

        CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> rawUnchecked(headers,
                "{\"jsonrpc\":\"2.0\",\"id\":\"wait-1\",\"method\":\"tools/call\",\"params\":"
                        + "{\"name\":\"aegis.task.wait\",\"arguments\":{\"execution_id\":\"" + root + "\"}}}"));
        awaitInFlight();
        raw(headers, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"wait-1\","
                + "\"reason\":\"the person pressed stop\"}}");

        assertThat(waiting.get(20, TimeUnit.SECONDS).body()).contains("cancelled");
        for (ExecutionId member : List.of(root, child.id(), grandchild.id())) {
            assertThat(server.queries.get(new ai.aegis.application.port.in.GetExecutionQuery(user, member)).status())
                    .isEqualTo(ExecutionStatus.CANCELLED);
        }
    }

    @Test
    void seedConfiguredClient_legacySseExecute_runsInItsSessionsOwnConversation() {
        try (McpSyncClient client = sse("user-pro", Map.of())) {
            McpSchema.CallToolResult started = client.callTool(new McpSchema.CallToolRequest("aegis.task.execute",
                    Map.of("task", "tidy the notes")));
            String id = (String) structured(started).get("execution_id");

            McpSchema.CallToolResult status = client.callTool(new McpSchema.CallToolRequest("aegis.task.status",
                    Map.of("execution_id", id)));

            assertThat(started.isError()).isNotEqualTo(Boolean.TRUE);
            assertThat((String) structured(status).get("conversation_id")).startsWith("mcp-session:");
            client.callTool(new McpSchema.CallToolRequest("aegis.task.cancel", Map.of()));
            assertThat(structured(client.callTool(new McpSchema.CallToolRequest("aegis.task.status",
                    Map.of("execution_id", id))))).containsEntry("status", "cancelled");
        }
    }

    @Test
    void deleteOfASessionThatNamedNoConversation_cancelsItsRunningTaskAndSwarm() throws Exception {
        Identity user = server.identity("user-pro");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer t.user-pro.s");
        String session = raw(headers, initialize()).headers().firstValue("Mcp-Session-Id").orElseThrow();
        headers.put("Mcp-Session-Id", session);
        headers.put("MCP-Protocol-Version", "2025-06-18");
        raw(headers, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        String started = raw(headers, "{\"jsonrpc\":\"2.0\",\"id\":\"e\",\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"aegis.task.execute\",\"arguments\":{\"task\":\"long job\"}}}").body();
        ExecutionId root = ExecutionId.of(executionIdIn(started));
        Execution child = server.executions.spawn(SpawnChildExecutionCommand.inheriting(user, root));

        HttpRequest.Builder delete = HttpRequest.newBuilder(URI.create(server.base + McpEndpoints.STREAMABLE_PATH)).DELETE();
        headers.forEach(delete::header);
        HttpClient.newHttpClient().send(delete.build(), HttpResponse.BodyHandlers.ofString());

        for (ExecutionId member : List.of(root, child.id())) {
            assertThat(server.queries.get(new ai.aegis.application.port.in.GetExecutionQuery(user, member)).status())
                    .isEqualTo(ExecutionStatus.CANCELLED);
        }
    }

    @Test
    void registry_everyMcpToolOfTheCatalog_hasSchemaDescriptionAndHonestAnnotations() {
        try (McpSyncClient client = streamable("op-admin", Map.of())) {
            Map<String, McpSchema.Tool> listed = new LinkedHashMap<>();
            client.listTools().tools().forEach(tool -> listed.put(tool.name(), tool));

            assertThat(listed.keySet()).containsExactlyInAnyOrderElementsOf(McpToolRegistry.mcpToolNames());
            for (McpSchema.Tool tool : listed.values()) {
                ToolDescriptor descriptor = ai.aegis.domain.security.ToolCatalog.find(tool.name()).orElseThrow();
                assertThat(tool.description()).as(tool.name()).hasSizeGreaterThan(20);
                assertThat(tool.inputSchema()).containsEntry("type", "object");
                assertThat(tool.annotations().readOnlyHint()).as(tool.name()).isEqualTo(descriptor.readOnly());
                assertThat(tool.annotations().destructiveHint()).as(tool.name()).isEqualTo(descriptor.destructive());
            }
        }
    }

    /** The execution id in a raw tools/call answer (an SSE event whose data holds the result's JSON text). */
    private static String executionIdIn(String answer) {
        java.util.regex.Matcher found = java.util.regex.Pattern.compile("\"execution_id\":\"([^\"]+)\"").matcher(answer);
        if (!found.find()) {
            throw new IllegalStateException("no execution id in " + answer);
        }
        return found.group(1);
    }

    private static void awaitWatch() {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.fanOut.watchCount() == 0 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    private static void awaitInFlight() {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.surface.callsInFlight() == 0 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    /** Arguments that pass the tool's input schema, so a refusal is the policy's and not the schema's. */
    static Map<String, Object> validArguments(String tool) {
        ToolDefinitions.Definition definition = ToolDefinitions.find(tool).orElseThrow();
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (String name : definition.required()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> property = (Map<String, Object>) definition.properties().get(name);
            Object type = property.get("type");
            if (property.containsKey("enum")) {
                arguments.put(name, ((List<?>) property.get("enum")).get(0));
            } else if ("object".equals(type)) {
                arguments.put(name, Map.of());
            } else if ("integer".equals(type)) {
                arguments.put(name, 1);
            } else if ("boolean".equals(type)) {
                arguments.put(name, false);
            } else {
                arguments.put(name, "x");
            }
        }
        return arguments;
    }

    private static Map<String, String> conversation(ConversationMode mode) {
        return Map.of(ConversationFilter.CONVERSATION_HEADER, "c-" + UUID.randomUUID(),
                ConversationFilter.MODE_HEADER, mode.displayName());
    }

    private static List<String> names(List<McpSchema.Tool> tools) {
        return tools.stream().map(McpSchema.Tool::name).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(McpSchema.CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
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

    private static String initialize() {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    }

    private static HttpResponse<String> rawUnchecked(Map<String, String> headers, String body) {
        try {
            return raw(headers, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> raw(Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base + McpEndpoints.STREAMABLE_PATH))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
