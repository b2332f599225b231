package ai.aegis.bootstrap.node;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.adapters.model.ModelSettings;
import ai.aegis.adapters.model.OpenAiCompatibleModelAdapter;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.ModelApiKey;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionOutcome;
import ai.aegis.domain.iteration.IterationEventKind;
import ai.aegis.domain.iteration.PlainText;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The iteration loop with the real bubblewrap sandbox and the real OpenAI-compatible adapter
 * talking to a fake model server started by the test.
 */
class IterationLoopTest {

    private static final ExecutionId ID = ExecutionId.of("exec-1");
    private static final ClockPort CLOCK = Instant::now;
    private static final BubblewrapSandbox SANDBOX = new BubblewrapSandbox(BubblewrapSettings.DEFAULTS);
    private static final SandboxLimits LIMITS = SandboxLimits.forMemory(256L * 1024 * 1024)
            .withCpuTime(Duration.ofSeconds(10)).withMaxProcesses(32);

    @TempDir
    Path workspace;

    private HttpServer server;
    private final Deque<String> answers = new ArrayDeque<>();
    private final List<JsonNode> prompts = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final RecordingReporter reporter = new RecordingReporter();

    @BeforeAll
    static void bubblewrapInstalled() {
        assertThat(SANDBOX.unavailableReason())
                .as("the iteration loop tests need bubblewrap and util-linux (apt-get install bubblewrap)")
                .isEmpty();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Records what the loop reports, as the gRPC client would forward it. */
    private static final class RecordingReporter implements NodeReporter {

        final List<String> events = new CopyOnWriteArrayList<>();
        final List<String> details = new CopyOnWriteArrayList<>();

        @Override
        public void iteration(ExecutionId executionId, IterationEventKind kind, Optional<String> detail) {
            assertThat(executionId).isEqualTo(ID);
            events.add(kind.name());
            details.add(detail.orElse(""));
        }

        @Override
        public void finish(ExecutionId executionId, ExecutionOutcome outcome, Optional<String> detail) {
            assertThat(executionId).isEqualTo(ID);
            events.add("finish:" + outcome.name());
            details.add(detail.orElse(""));
        }
    }

    private OpenAiCompatibleModelAdapter fakeModel(String... scripted) throws IOException {
        answers.addAll(List.of(scripted));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            prompts.add(JsonMapper.shared().readTree(exchange.getRequestBody().readAllBytes()));
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            String content = answers.isEmpty() ? "no more answers" : answers.poll();
            String body = JsonMapper.shared().writeValueAsString(Map.of(
                    "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", content))),
                    "usage", Map.of("prompt_tokens", 100, "completion_tokens", 10)));
            byte[] out = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
        return new OpenAiCompatibleModelAdapter(Optional.of(
                new ModelSettings(base, "fake-model", Optional.of(ModelApiKey.of("sk-service")), Duration.ofSeconds(10))));
    }

    private static OpenAiCompatibleModelAdapter noModel() {
        return OpenAiCompatibleModelAdapter.fromEnvironment(Map.of());
    }

    private AgentJob job(Optional<String> instructions, Optional<String> code, OutputCheck check, int maxIterations) {
        return new AgentJob(ID, AgentRuntime.SHELL, instructions, code, check, maxIterations,
                Instant.now().plus(Duration.ofMinutes(1)), Duration.ofSeconds(20), workspace, false, LIMITS, "",
                Optional.empty());
    }

    /** The service's cleaning (PlainText) removes nothing from a detail: no part of it looks like an internal. */
    private static void assertReadableAfterSanitising(List<String> details) {
        for (String detail : details) {
            if (!detail.isEmpty()) {
                String kept = PlainText.sanitize(detail).orElseThrow();
                assertThat(detail).startsWith(kept.endsWith("…") ? kept.substring(0, kept.length() - 1) : kept);
            }
        }
    }

    private static String conversation(JsonNode prompt) {
        StringBuilder text = new StringBuilder();
        prompt.path("messages").values().forEach(m -> text.append(m.path("content").stringValue()).append('\n'));
        return text.toString();
    }

    @Test
    void run_generatedCodeFailsThenModelFixesIt_completesInTwoAttemptsAndSecondPromptCarriesTheFailure()
            throws IOException {
        IterationLoop loop = new IterationLoop(SANDBOX, fakeModel("```sh\necho 41\n```", "```sh\necho 42\n```"), CLOCK);

        LoopResult result = loop.run(job(Optional.of("print the answer"), Optional.empty(),
                OutputCheck.exitCodeZero().withExpectedOutput("42"), 5), reporter, new CancellationSignal());

        assertThat(result.outcome()).isEqualTo(LoopResult.Outcome.COMPLETED);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(result.code()).hasValue("echo 42\n");
        assertThat(result.lastRun().orElseThrow().stdout()).isEqualTo("42\n");
        assertThat(result.modelUsage().totalTokens()).isEqualTo(220);
        assertThat(reporter.events).containsExactly("ATTEMPT_STARTED", "VALIDATION_FAILED", "ATTEMPT_STARTED",
                "MEMORY_REUSED", "FIX_APPLIED", "finish:COMPLETED");
        assertThat(reporter.details.get(1)).contains("expected \"42\"").contains("got \"41\"");
        assertReadableAfterSanitising(reporter.details);
        assertThat(prompts).hasSize(2);
        assertThat(conversation(prompts.get(0))).contains("print the answer").doesNotContain("failed its check");
        String second = conversation(prompts.get(1));
        assertThat(second).contains("echo 41").contains("Attempt 1 failed its check").contains("Expected exactly:\n42")
                .contains("41");
    }

    @Test
    void run_suppliedCodeFailsThenModelFixesIt_modelAskedOnceWithTheUsersKey() throws IOException {
        IterationLoop loop = new IterationLoop(SANDBOX, fakeModel("```\nexit 0\n```"), CLOCK);
        AgentJob job = job(Optional.empty(), Optional.of("echo broken >&2; exit 2"), OutputCheck.exitCodeZero(), 3)
                .withUserKey(ModelApiKey.of("sk-users-own"));

        LoopResult result = loop.run(job, reporter, new CancellationSignal());

        assertThat(result.outcome()).isEqualTo(LoopResult.Outcome.COMPLETED);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(prompts).hasSize(1);
        assertThat(authorizations).containsExactly("Bearer sk-users-own");
        assertThat(conversation(prompts.get(0))).contains("exit 2").contains("broken").contains("instead of 0");
    }

    @Test
    void run_suppliedCodePassesWithoutAModel_completesInOneAttempt() {
        IterationLoop loop = new IterationLoop(SANDBOX, noModel(), CLOCK);

        LoopResult result = loop.run(job(Optional.empty(), Optional.of("echo '{\"answer\": 42}'"),
                OutputCheck.exitCodeZero().withOutputSchema("{\"type\":\"object\",\"required\":[\"answer\"],"
                        + "\"properties\":{\"answer\":{\"type\":\"integer\"}}}"), 5), reporter, new CancellationSignal());

        assertThat(result.outcome()).as(result.lastRun().map(SandboxResult::stderr).orElse("")).isEqualTo(LoopResult.Outcome.COMPLETED);
        assertThat(reporter.events).containsExactly("ATTEMPT_STARTED", "finish:COMPLETED");
    }

    @Test
    void run_outputBreaksTheSchemaWithoutAModel_failsNamingTheSchemaAndTheMissingModel() {
        IterationLoop loop = new IterationLoop(SANDBOX, noModel(), CLOCK);

        LoopResult result = loop.run(job(Optional.empty(), Optional.of("echo '{\"answer\": \"many\"}'"),
                OutputCheck.exitCodeZero().withOutputSchema("{\"type\":\"object\",\"required\":[\"answer\"],"
                        + "\"properties\":{\"answer\":{\"type\":\"integer\"}}}"), 5), reporter, new CancellationSignal());

        assertThat(result.outcome()).isEqualTo(LoopResult.Outcome.FAILED);
        assertThat(reporter.events).containsExactly("ATTEMPT_STARTED", "finish:FAILED");
        assertThat(reporter.details.get(1)).contains("does not match the schema").contains("no language model is set up")
                .contains("answer").contains("integer");
        assertReadableAfterSanitising(reporter.details);
    }

    @Test
    void run_noCodeAndNoModel_failsAtOnceNamingTheSettings() {
        IterationLoop loop = new IterationLoop(SANDBOX, noModel(), CLOCK);

        LoopResult result = loop.run(job(Optional.of("print 42"), Optional.empty(), OutputCheck.exitCodeZero(), 5),
                reporter, new CancellationSignal());

        assertThat(result.outcome()).isEqualTo(LoopResult.Outcome.FAILED);
        assertThat(result.attempts()).isZero();
        assertThat(reporter.events).containsExactly("finish:FAILED");
        assertThat(reporter.details.get(0)).contains("AEGIS_MODEL_BASE_URL").contains("AEGIS_MODEL_NAME");
    }

    @Test
    void run_modelNeverGetsItRight_failsAfterTheIterationBudget() throws IOException {
        IterationLoop loop = new IterationLoop(SANDBOX, fakeModel("exit 1", "exit 1", "exit 1"), CLOCK);

        LoopResult result = loop.run(job(Optional.of("succeed"), Optional.empty(), OutputCheck.exitCodeZero(), 3),
                reporter, new CancellationSignal());

        assertThat(result.outcome()).isEqualTo(LoopResult.Outcome.FAILED);
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(prompts).hasSize(3);
        assertThat(conversation(prompts.get(2))).contains("Attempt 1 failed").contains("Attempt 2 failed");
        assertThat(reporter.events).containsExactly("ATTEMPT_STARTED", "VALIDATION_FAILED",
                "ATTEMPT_STARTED", "MEMORY_REUSED", "FIX_APPLIED", "VALIDATION_FAILED",
                "ATTEMPT_STARTED", "MEMORY_REUSED", "FIX_APPLIED", "finish:FAILED");
        assertThat(reporter.details.get(reporter.details.size() - 1)).isEqualTo("exit code 1 (expected 0)");
    }

    @Test
    void run_cancelledWhileTheCodeRuns_stopsWithoutAnotherReport() throws Exception {
        IterationLoop loop = new IterationLoop(SANDBOX, noModel(), CLOCK);
        CancellationSignal cancellation = new CancellationSignal();
        Thread canceller = new Thread(() -> {
            for (int i = 0; i < 400 && !Files.exists(workspace.resolve("started")); i++) {
                try {
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    return;
                }
            }
            cancellation.cancel();
        });
        canceller.start();

        LoopResult result = loop.run(job(Optional.empty(), Optional.of("touch /workspace/started; sleep 30"),
                OutputCheck.exitCodeZero(), 5), reporter, cancellation);
        canceller.join();

        assertThat(result.outcome()).isEqualTo(LoopResult.Outcome.CANCELLED);
        assertThat(reporter.events).containsExactly("ATTEMPT_STARTED");
    }

    @Test
    void run_deadlineAlreadyPassed_reportsTimedOut() {
        IterationLoop loop = new IterationLoop(SANDBOX, noModel(), CLOCK);
        AgentJob late = new AgentJob(ID, AgentRuntime.SHELL, Optional.empty(), Optional.of("echo hi"),
                OutputCheck.exitCodeZero(), 5, Instant.now().minusSeconds(1), Duration.ofSeconds(5), workspace, false,
                LIMITS, "", Optional.empty());

        LoopResult result = loop.run(late, reporter, new CancellationSignal());

        assertThat(result.outcome()).isEqualTo(LoopResult.Outcome.TIMED_OUT);
        assertThat(reporter.events).containsExactly("finish:TIMED_OUT");
    }

    @Test
    void run_serviceRefusesTheAttempt_stopsWithoutRunningCode() {
        IterationLoop loop = new IterationLoop(SANDBOX, noModel(), CLOCK);
        NodeReporter refusing = new NodeReporter() {
            @Override
            public void iteration(ExecutionId executionId, IterationEventKind kind, Optional<String> detail) {
                throw new LimitExceededException("execution.iterations_exhausted", "execution exec-1 has used all 5 of its"
                        + " iterations");
            }

            @Override
            public void finish(ExecutionId executionId, ExecutionOutcome outcome, Optional<String> detail) {
                reporter.finish(executionId, outcome, detail);
            }
        };

        LoopResult result = loop.run(job(Optional.empty(), Optional.of("touch /workspace/ran"), OutputCheck.exitCodeZero(),
                5), refusing, new CancellationSignal());

        assertThat(result.outcome()).isEqualTo(LoopResult.Outcome.REFUSED);
        assertThat(result.summary()).contains("used all 5");
        assertThat(workspace.resolve("ran")).doesNotExist();
        assertThat(reporter.events).isEmpty();
    }

    @Test
    void run_sandboxMissing_failsSayingBubblewrapIsNotInstalled() {
        BubblewrapSandbox missing = new BubblewrapSandbox(BubblewrapSettings.DEFAULTS.withBwrap(workspace.resolve("none")));
        IterationLoop loop = new IterationLoop(missing, noModel(), CLOCK);

        LoopResult result = loop.run(job(Optional.empty(), Optional.of("echo hi"), OutputCheck.exitCodeZero(), 5),
                reporter, new CancellationSignal());

        assertThat(result.outcome()).isEqualTo(LoopResult.Outcome.FAILED);
        assertThat(reporter.events).containsExactly("finish:FAILED");
        assertThat(reporter.details.get(0)).contains("bubblewrap");
    }

    @Test
    void extractCode_fencedAnswerWithProse_takesTheFirstBlock() {
        assertThat(IterationLoop.extractCode("Here you go:\n```python\nprint(42)\n```\nThat prints 42."))
                .isEqualTo("print(42)\n");
        assertThat(IterationLoop.extractCode("print(42)")).isEqualTo("print(42)\n");
    }
}
