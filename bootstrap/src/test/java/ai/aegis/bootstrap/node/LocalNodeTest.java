package ai.aegis.bootstrap.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.adapters.model.OpenAiCompatibleModelAdapter;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionOutcome;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEventKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalNodeTest {

    private static final TenantId TENANT = TenantId.of("acme-labs");
    private static final BubblewrapSandbox SANDBOX = new BubblewrapSandbox(BubblewrapSettings.DEFAULTS);

    @TempDir
    Path volumes;

    private LocalNode node;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final NodeReporter reporter = new NodeReporter() {
        @Override
        public void iteration(ExecutionId executionId, IterationEventKind kind, Optional<String> detail) {
            events.add(executionId + ":" + kind);
        }

        @Override
        public void finish(ExecutionId executionId, ExecutionOutcome outcome, Optional<String> detail) {
            events.add(executionId + ":" + outcome);
        }
    };

    @BeforeAll
    static void bubblewrapInstalled() {
        assertThat(SANDBOX.unavailableReason()).as("the local node tests need bubblewrap (apt-get install bubblewrap)")
                .isEmpty();
    }

    @AfterEach
    void close() {
        if (node != null) {
            node.close();
        }
    }

    private LocalNode node(int capacity) {
        node = new LocalNode(new IterationLoop(SANDBOX, OpenAiCompatibleModelAdapter.fromEnvironment(Map.of()), Instant::now),
                SANDBOX, volumes, capacity);
        return node;
    }

    private AgentJob job(String id, String code) {
        ExecutionId executionId = ExecutionId.of(id);
        return new AgentJob(executionId, AgentRuntime.SHELL, Optional.empty(), Optional.of(code),
                OutputCheck.exitCodeZero(), 3, Instant.now().plusSeconds(60), Duration.ofSeconds(30),
                node.workspaceFor(TENANT, executionId), false, SandboxLimits.forMemory(256L * 1024 * 1024), "",
                Optional.empty());
    }

    private static void awaitFile(Path file) throws InterruptedException {
        for (int i = 0; i < 400 && !Files.exists(file); i++) {
            Thread.sleep(25);
        }
        assertThat(file).exists();
    }

    @Test
    void workspaceFor_twoExecutions_separatePrivateDirectories() throws Exception {
        node(1);

        Path a = node.workspaceFor(TENANT, ExecutionId.of("exec-a"));
        Path b = node.workspaceFor(TENANT, ExecutionId.of("exec-b"));

        assertThat(a).isNotEqualTo(b).startsWith(volumes.resolve("acme-labs"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(a))).isEqualTo("rwx------");
        assertThatThrownBy(() -> node.workspaceFor(TENANT, ExecutionId.of("..")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.code()).isEqualTo("node.invalid_volume_name"));
    }

    @Test
    void start_supplied_completesAndLeavesItsFileInTheVolume() throws Exception {
        node(2);
        AgentJob job = job("exec-a", "echo kept > /workspace/result.txt");

        LoopResult result = node.start(job, reporter).get(20, TimeUnit.SECONDS);

        assertThat(result.outcome()).isEqualTo(LoopResult.Outcome.COMPLETED);
        assertThat(job.workspace().resolve("result.txt")).hasContent("kept");
        assertThat(events).containsExactly("exec-a:ATTEMPT_STARTED", "exec-a:COMPLETED");
        assertThat(node.runningCount()).isZero();
    }

    @Test
    void cancel_runningJob_endsCancelledWithoutAFinalReport() throws Exception {
        node(2);
        AgentJob job = job("exec-a", "touch /workspace/started; sleep 30");
        CompletableFuture<LoopResult> running = node.start(job, reporter);
        awaitFile(job.workspace().resolve("started"));

        assertThat(node.cancel(ExecutionId.of("exec-a"))).isTrue();

        assertThat(running.get(20, TimeUnit.SECONDS).outcome()).isEqualTo(LoopResult.Outcome.CANCELLED);
        assertThat(events).containsExactly("exec-a:ATTEMPT_STARTED");
        assertThat(node.cancel(ExecutionId.of("exec-a"))).isFalse();
    }

    @Test
    void start_atCapacityOrTwice_refused() throws Exception {
        node(1);
        AgentJob first = job("exec-a", "touch /workspace/started; sleep 30");
        CompletableFuture<LoopResult> running = node.start(first, reporter);
        awaitFile(first.workspace().resolve("started"));

        assertThatThrownBy(() -> node.start(first, reporter))
                .isInstanceOfSatisfying(AlreadyExistsException.class,
                        e -> assertThat(e.code()).isEqualTo("node.already_running"));
        assertThatThrownBy(() -> node.start(job("exec-b", "true"), reporter))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        e -> assertThat(e.code()).isEqualTo("node.at_capacity"));

        node.cancel(first.executionId());
        assertThat(running.get(20, TimeUnit.SECONDS).outcome()).isEqualTo(LoopResult.Outcome.CANCELLED);
    }

    @Test
    void runtimes_onThisMachine_includeTheShell() {
        assertThat(node(1).runtimes()).contains(AgentRuntime.SHELL);
    }
}
