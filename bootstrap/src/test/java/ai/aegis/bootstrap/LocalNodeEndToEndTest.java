package ai.aegis.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.adapters.identity.DevelopmentIdentityProvider;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import com.sun.net.httpserver.HttpServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code aegis serve} runs its local node over real gRPC: a task started through MCP is claimed,
 * run in the bubblewrap sandbox, checked, refined by a (fake) OpenAI-compatible model when it fails,
 * and the caller follows it through {@code aegis.task.wait} and {@code aegis.task.logs}.
 */
class LocalNodeEndToEndTest {

    @TempDir
    static Path dataDirectory;

    private static AegisServer server;
    private static DevelopmentIdentityProvider idp;
    private static HttpServer model;
    private static final Deque<String> ANSWERS = new ArrayDeque<>();
    private static final AtomicInteger MODEL_CALLS = new AtomicInteger();
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final List<String> MODEL_AUTHORIZATIONS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        model = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        model.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            MODEL_CALLS.incrementAndGet();
            MODEL_AUTHORIZATIONS.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            String content;
            synchronized (ANSWERS) {
                content = ANSWERS.isEmpty() ? "no more answers" : ANSWERS.poll();
            }
            byte[] out = JsonMapper.shared().writeValueAsString(Map.of("id", "x", "object", "chat.completion",
                    "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", content))),
                    "usage", Map.of("prompt_tokens", 100, "completion_tokens", 10))).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        model.start();
        server = AegisServer.start(ServerSettings.local("127.0.0.1", 0, 0, dataDirectory).withLocalNode(true),
                IdentitySettings.fromEnvironment(Map.of()), Map.of(
                        "AEGIS_MODEL_BASE_URL", "http://127.0.0.1:" + model.getAddress().getPort() + "/v1",
                        "AEGIS_MODEL_NAME", "fake-coder",
                        "AEGIS_NODE_CAPACITY", "2"));
        idp = IdentityModule.existingDevelopmentProvider(DataDirectory.prepare(dataDirectory), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        server.close();
        model.stop(0);
    }

    private record User(McpSyncClient client, TenantId tenant, String name) {
    }

    private static User newUser() {
        String name = "node-user-" + USERS.incrementAndGet();
        TenantId tenant = TenantId.consumer(UUID.randomUUID());
        String token = idp.mintConsumer(ZaruTier.PRO, ZaruUserId.of(name), tenant, Duration.ofMinutes(10)).reveal();
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.httpPort())
                        .endpoint("/mcp/v1").requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                        .build())
                .requestTimeout(Duration.ofSeconds(120)).build();
        client.initialize();
        return new User(client, tenant, name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        assertThat(result.isError()).as("%s answered %s", tool, result.content()).isFalse();
        return (Map<String, Object>) result.structuredContent();
    }

    private static Map<String, Object> waitUntilEnded(McpSyncClient client, String executionId) {
        Map<String, Object> status = call(client, "aegis.task.wait", Map.of("execution_id", executionId,
                "timeout_seconds", 90));
        return status;
    }

    @SuppressWarnings("unchecked")
    private static List<String> sentences(McpSyncClient client, String executionId) {
        List<Map<String, Object>> entries = (List<Map<String, Object>>) call(client, "aegis.task.logs",
                Map.of("execution_id", executionId)).get("entries");
        return entries.stream().map(entry -> (String) entry.get("sentence")).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void taskExecute_suppliedCodeThatPasses_completedAfterOneAttemptWithoutTheModel() {
        User user = newUser();
        int modelCallsBefore = MODEL_CALLS.get();
        try (McpSyncClient client = user.client()) {
            String id = (String) call(client, "aegis.task.execute", Map.of("task", "Say hello",
                    "code", "print('hello')", "runtime", "python", "expected_output", "hello")).get("execution_id");

            Map<String, Object> ended = waitUntilEnded(client, id);

            assertThat(ended).containsEntry("status", "completed").containsEntry("attempts", 1);
            assertThat((Map<String, Object>) ended.get("output")).containsEntry("stdout", "hello\n")
                    .containsEntry("exit_code", 0);
            assertThat(MODEL_CALLS.get()).isEqualTo(modelCallsBefore);
            List<String> sentences = sentences(client, id);
            assertThat(sentences).isNotEmpty();
            assertThat(sentences.get(sentences.size() - 1)).containsIgnoringCase("done");
            assertThat(String.join("\n", sentences)).doesNotContain("Exception").doesNotContain("bwrap");
        }
    }

    @Test
    void taskExecute_suppliedCodeFailsThenModelFixesIt_completedAfterTwoAttemptsWithSentencesInOrder() {
        synchronized (ANSWERS) {
            ANSWERS.add("Here is the fix:\n```python\nprint('42')\n```");
        }
        User user = newUser();
        try (McpSyncClient client = user.client()) {
            String id = (String) call(client, "aegis.task.execute", Map.of("task", "Print the answer",
                    "code", "print('41')", "runtime", "python", "expected_output", "42")).get("execution_id");

            Map<String, Object> ended = waitUntilEnded(client, id);

            assertThat(ended).containsEntry("status", "completed").containsEntry("attempts", 2);
            List<String> sentences = sentences(client, id);
            assertThat(sentences).hasSizeGreaterThanOrEqualTo(4);
            assertThat(sentences.get(0)).contains("Attempt 1");
            assertThat(sentences).anySatisfy(sentence -> assertThat(sentence).contains("Attempt 2"));
            assertThat(sentences.get(sentences.size() - 1)).containsIgnoringCase("done").contains("2");
            assertThat(sentences.indexOf(sentences.stream().filter(s -> s.contains("Attempt 2")).findFirst().orElseThrow()))
                    .isGreaterThan(1);
        }
    }

    /**
     * BYOK end to end: an administrator stores a user's own model key (answered only as a fingerprint),
     * and the local node's model calls for that user's execution carry that key, not the server's.
     */
    @Test
    @SuppressWarnings("unchecked")
    void byokUserWithStoredKey_localNodeModelCallsCarryTheirKeyAndTheAnswerNeverShowsIt() {
        User user = newUser();
        String ownKey = "sk-own-" + UUID.randomUUID();
        String adminToken = idp.mintOperator(AegisRole.ADMIN, "sre-byok", Duration.ofMinutes(10)).reveal();
        McpSyncClient admin = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.httpPort())
                        .endpoint("/mcp/v1").requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + adminToken))
                        .build())
                .requestTimeout(Duration.ofSeconds(30)).build();
        try (admin) {
            admin.initialize();
            McpSchema.CallToolResult updated = admin.callTool(new McpSchema.CallToolRequest("aegis.user.update", Map.of(
                    "tenant", user.tenant().value(), "user_id", user.name(),
                    "changes", Map.of("byok", true, "model_key", ownKey))));

            assertThat(updated.isError()).as("%s", updated.content()).isFalse();
            assertThat((Map<String, Object>) ((Map<String, Object>) updated.structuredContent()).get("model_key"))
                    .containsEntry("stored", true).containsKey("fingerprint");
            assertThat(updated.toString()).doesNotContain(ownKey);
        }
        synchronized (ANSWERS) {
            ANSWERS.add("```python\nprint('42')\n```");
        }
        int before = MODEL_AUTHORIZATIONS.size();
        try (McpSyncClient client = user.client()) {
            String id = (String) call(client, "aegis.task.execute", Map.of("task", "Print the answer",
                    "code", "print('41')", "runtime", "python", "expected_output", "42")).get("execution_id");

            assertThat(waitUntilEnded(client, id)).containsEntry("status", "completed");
        }
        assertThat(MODEL_AUTHORIZATIONS.subList(before, MODEL_AUTHORIZATIONS.size()))
                .isNotEmpty().allSatisfy(header -> assertThat(header).isEqualTo("Bearer " + ownKey));
    }

    @Test
    void taskExecute_noCodeAndTheModelAnswersWithoutCode_failedSayingSo() {
        synchronized (ANSWERS) {
            ANSWERS.add("   ");
        }
        User user = newUser();
        try (McpSyncClient client = user.client()) {
            String id = (String) call(client, "aegis.task.execute", Map.of("task", "Print the answer")).get("execution_id");

            Map<String, Object> ended = waitUntilEnded(client, id);

            assertThat(ended).containsEntry("status", "failed").doesNotContainKey("output");
            List<String> sentences = sentences(client, id);
            assertThat(sentences.get(sentences.size() - 1)).contains("without any code");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void taskStatus_codeThatWritesFilesAndFails_outputShowsErrorsAndFiles() {
        User user = newUser();
        try (McpSyncClient client = user.client()) {
            synchronized (ANSWERS) {
                ANSWERS.add("   ");
            }
            String id = (String) call(client, "aegis.task.execute", Map.of("task", "Write then fail",
                    "code", "import os, sys\nos.makedirs('out', exist_ok=True)\nopen('out/data.csv', 'w').write('a,b')\n"
                            + "print('partial')\nsys.exit('could not finish')",
                    "runtime", "python")).get("execution_id");

            waitUntilEnded(client, id);
            Map<String, Object> status = call(client, "aegis.task.status", Map.of("execution_id", id));

            assertThat(status).containsEntry("status", "failed");
            Map<String, Object> output = (Map<String, Object>) status.get("output");
            assertThat(output).containsEntry("stdout", "partial\n").containsEntry("exit_code", 1)
                    .containsEntry("files", List.of("out/data.csv"));
            assertThat((Map<String, Object>) output.get("file_texts")).containsEntry("out/data.csv", "a,b");
            assertThat((String) output.get("stderr")).contains("could not finish");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void executeIntent_typedInputsAndSuppliedCode_resultInTheToolResult() {
        User user = newUser();
        try (McpSyncClient client = user.client()) {
            Map<String, Object> result = call(client, "aegis.execute.intent", Map.of("intent", "Multiply the inputs",
                    "inputs", Map.of("a", Map.of("type", "integer", "value", 6), "b", 7),
                    "code", "import json, sys\nd = json.load(sys.stdin)\nprint(d['a'] * d['b'])", "language", "python"));

            assertThat(result).containsEntry("status", "completed").containsEntry("still_running", false);
            assertThat((Map<String, Object>) result.get("output")).containsEntry("stdout", "42\n");
        }
    }

    /**
     * The Glass Laboratory flow of issue 8: an Execute-mode conversation runs a computation whose
     * supplied code fails once; the (fake) model refines it; the client sees every iteration sentence,
     * in order, as MCP progress during the one call, and the final result in its answer.
     */
    @Test
    @SuppressWarnings("unchecked")
    void executeIntent_executeModeCodeFailsOnceThenModelFixesIt_clientSeesEverySentenceInOrderAndTheResult() {
        synchronized (ANSWERS) {
            ANSWERS.add("```python\nimport json, sys\nd = json.load(sys.stdin)\nprint(d['n'] * 2)\n```");
        }
        String name = "glass-user-" + USERS.incrementAndGet();
        String token = idp.mintConsumer(ZaruTier.PRO, ZaruUserId.of(name), TenantId.consumer(UUID.randomUUID()),
                Duration.ofMinutes(10)).reveal();
        // The client SDK may hand notifications to the consumer on several threads; each carries its
        // progress number, which is how a client puts the sentences back in order.
        java.util.concurrent.ConcurrentSkipListMap<Double, String> progress = new java.util.concurrent.ConcurrentSkipListMap<>();
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.httpPort())
                        .endpoint("/mcp/v1").requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token)
                                .header("X-Zaru-Conversation-ID", "glass-" + UUID.randomUUID())
                                .header("X-Zaru-Conversation-Mode", "Execute"))
                        .build())
                .requestTimeout(Duration.ofSeconds(120))
                .progressConsumer(notification -> progress.put(notification.progress(), notification.message()))
                .build();
        try (client) {
            client.initialize();
            McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder()
                    .name("aegis.execute.intent").arguments(Map.of("intent", "Double the number",
                            "inputs", Map.of("n", Map.of("type", "integer", "value", 21)),
                            "code", "import json, sys\nd = json.load(sys.stdin)\nprint(d['m'] * 2)",
                            "language", "python"))
                    .progressToken("glass-1").build());

            assertThat(result.isError()).as("%s", result.content()).isFalse();
            Map<String, Object> answer = (Map<String, Object>) result.structuredContent();
            assertThat(answer).containsEntry("status", "completed").containsEntry("attempts", 2);
            assertThat((Map<String, Object>) answer.get("output")).containsEntry("stdout", "42\n");
            assertThat(progress.keySet()).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0);
            assertThat(progress.values()).containsExactly(
                    "Attempt 1 of 10: the agent is working on it.",
                    "Attempt 1 of 10: the tests failed, so the agent is fixing exit code 1 (expected 0) and trying again.",
                    "Attempt 2 of 10: the agent is working on a corrected version.",
                    "Attempt 2 of 10: the agent is reusing what it learned earlier about what went wrong in the earlier attempt.",
                    "Attempt 2 of 10: the agent applied a fix to the code and is checking it again.",
                    "Done after 2 attempts: the result passed its check.");
        }
    }

    /** The authoring loop through the served stack: a draft the schema refuses, a corrected one, deployed in the caller's own tenant. */
    @Test
    @SuppressWarnings("unchecked")
    void agentGenerate_invalidDraftThenValid_deployedInOwnTenantAndThenRunnable() {
        synchronized (ANSWERS) {
            ANSWERS.add("{\"format\": \"aegis/v1\", \"kind\": \"agent\", \"name\": \"greeter\", \"version\": \"1.0.0\","
                    + " \"description\": \"Greets.\", \"runtime\": \"python:3.12\"}");
            ANSWERS.add("```json\n{\"format\": \"aegis/v1\", \"kind\": \"agent\", \"name\": \"greeter\","
                    + " \"version\": \"1.0.0\", \"description\": \"Greets.\", \"runtime\": \"python:3.12\","
                    + " \"instructions\": \"Print a greeting.\", \"code\": {\"filename\": \"main.py\","
                    + " \"source\": \"print('hello')\"}, \"validation\": {\"expected_output\": \"hello\"}}\n```");
        }
        User user = newUser();
        try (McpSyncClient client = user.client()) {
            Map<String, Object> generated = call(client, "aegis.agent.generate", Map.of("intent", "An agent that greets"));

            assertThat(generated).containsEntry("name", "greeter").containsEntry("attempts", 2)
                    .containsEntry("tenant", user.tenant().value());
            assertThat((List<String>) generated.get("steps")).hasSize(4).last().asString()
                    .contains("deployed in your own workspace");

            String id = (String) call(client, "aegis.task.execute", Map.of("task", "Greet", "agent", "greeter"))
                    .get("execution_id");
            Map<String, Object> ended = waitUntilEnded(client, id);
            assertThat(ended).containsEntry("status", "completed");
            assertThat((Map<String, Object>) ended.get("output")).containsEntry("stdout", "hello\n");
        }
    }

    /**
     * A workflow generated by the authoring loop runs its agent step on the local node: the step's
     * execution carries the agent's task (code and check) and the run's data on standard input.
     */
    @Test
    @SuppressWarnings("unchecked")
    void workflowRun_agentStepRunsOnTheLocalNode_runSucceeds() {
        synchronized (ANSWERS) {
            ANSWERS.add("{\"format\": \"aegis/v1\", \"kind\": \"agent\", \"name\": \"echoer\", \"version\": \"1.0.0\","
                    + " \"description\": \"Echoes the topic.\", \"runtime\": \"python\","
                    + " \"instructions\": \"Print the topic.\", \"code\": {\"filename\": \"main.py\", \"source\":"
                    + " \"import json, sys\\nprint(json.load(sys.stdin)['inputs']['topic'])\"},"
                    + " \"validation\": {\"expected_output\": \"otters\"}}");
            ANSWERS.add("{\"format\": \"aegis/v1\", \"kind\": \"workflow\", \"name\": \"echo-flow\","
                    + " \"version\": \"1.0.0\", \"description\": \"Echoes.\", \"initial_state\": \"echo\","
                    + " \"states\": {\"echo\": {\"type\": \"agent\", \"agent\": \"echoer\","
                    + " \"transitions\": {\"completed\": \"done\", \"failed\": \"failed\"}},"
                    + " \"done\": {\"type\": \"end\", \"outcome\": \"succeeded\"},"
                    + " \"failed\": {\"type\": \"end\", \"outcome\": \"failed\"}}}");
        }
        User user = newUser();
        try (McpSyncClient client = user.client()) {
            call(client, "aegis.agent.generate", Map.of("intent", "An agent that prints the topic"));
            call(client, "aegis.workflow.generate", Map.of("intent", "A workflow that runs echoer"));

            String run = (String) call(client, "aegis.workflow.run", Map.of("name", "echo-flow",
                    "inputs", Map.of("topic", "otters"))).get("execution_id");
            Map<String, Object> waited = call(client, "aegis.workflow.wait", Map.of("execution_id", run,
                    "timeout_seconds", 90));

            assertThat(waited).containsEntry("status", "succeeded");
        }
    }

    /**
     * A sandboxed program calls platform tools through its socket: each call is signed with the
     * execution's agent key and verified by SEAL (a path outside the context's allow-list is refused
     * there), then run by the node: files on the workspace only, a command in a fresh sandbox, a web
     * fetch only to public addresses.
     */
    @Test
    @SuppressWarnings("unchecked")
    void taskExecute_programCallsToolsThroughTheSealSocket_allowedCallRunsOutsidePathRefused() {
        String code = String.join("\n",
                "import json, os, socket",
                "s = socket.socket(socket.AF_UNIX)",
                "s.connect(os.environ['AEGIS_TOOLS_SOCKET'])",
                "f = s.makefile('rw')",
                "os.makedirs('/workspace/notes', exist_ok=True)",
                "def call(tool, arguments):",
                "    f.write(json.dumps({'tool': tool, 'arguments': arguments}) + '\\n'); f.flush()",
                "    return json.loads(f.readline())",
                "print(call('fs.write', {'path': '/workspace/notes/hello.txt', 'content': 'from the tool'})['ok'])",
                "print(call('fs.read', {'path': '/workspace/notes/hello.txt'})['result']['content'])",
                "refused = call('fs.read', {'path': '/etc/passwd'})",
                "print(refused['ok'], refused['error'])",
                "ran = call('cmd.run', {'command': 'python3 -c print(6*7)'})['result']",
                "print(ran['exit_code'], ran['stdout'].strip())",
                "private = call('web.fetch', {'url': 'http://127.0.0.1:9/'})",
                "print(private['ok'], private['error'])");
        User user = newUser();
        try (McpSyncClient client = user.client()) {
            String id = (String) call(client, "aegis.task.execute", Map.of("task", "Use the tools",
                    "code", code, "runtime", "python")).get("execution_id");

            Map<String, Object> ended = waitUntilEnded(client, id);

            assertThat(ended).containsEntry("status", "completed");
            Map<String, Object> output = (Map<String, Object>) ended.get("output");
            String[] lines = ((String) output.get("stdout")).split("\n");
            assertThat(lines[0]).isEqualTo("True");
            assertThat(lines[1]).isEqualTo("from the tool");
            assertThat(lines[2]).as("refused by the SEAL policy of the execution's context")
                    .isEqualTo("False policy.path_outside");
            assertThat(lines[3]).as("cmd.run in a fresh sandbox on the same workspace").isEqualTo("0 42");
            assertThat(lines[4]).as("web.fetch through the address guard").isEqualTo("False web.address_refused");
            assertThat((Map<String, Object>) output.get("file_texts")).containsEntry("notes/hello.txt", "from the tool");
        }
    }

    @Test
    void taskCancel_whileTheCodeRuns_processKilledBeforeItWritesAnything() throws Exception {
        User user = newUser();
        try (McpSyncClient client = user.client()) {
            String id = (String) call(client, "aegis.task.execute", Map.of("task", "Sleep then write",
                    "code", "import time\ntime.sleep(4)\nopen('/workspace/after.txt', 'w').write('too late')",
                    "runtime", "python")).get("execution_id");
            Path workspace = dataDirectory.toRealPath().resolve("workspaces").resolve(user.tenant().value()).resolve(id);
            for (int i = 0; i < 100 && !Files.isDirectory(workspace); i++) {
                Thread.sleep(50);
            }
            assertThat(workspace).isDirectory();

            call(client, "aegis.task.cancel", Map.of("execution_id", id));
            Thread.sleep(6_000);

            assertThat(call(client, "aegis.task.status", Map.of("execution_id", id))).containsEntry("status", "cancelled");
            assertThat(workspace.resolve("after.txt")).doesNotExist();
        }
    }
}
