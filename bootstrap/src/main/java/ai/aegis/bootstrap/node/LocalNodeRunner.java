package ai.aegis.bootstrap.node;

import ai.aegis.adapters.grpc.node.GrpcNodeClient;
import ai.aegis.adapters.grpc.node.NodeAssignment;
import ai.aegis.adapters.grpc.node.NodeExecution;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.TaskSpec;
import ai.aegis.domain.seal.SealAgentKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local node's gRPC client loop, speaking to the service exactly as a remote node does: it
 * registers the runtimes and capacity of its {@link LocalNode}, heartbeats (stopping what the
 * service says ended), claims work while it has room, begins each claimed execution (which starts
 * attempt 1 and hands over its SEAL token), runs the execution's task through the iteration loop
 * and reports every step over that token. A cancellation reaches the running code at once through
 * a watch of the execution, and at the latest with the next heartbeat.
 *
 * <p>An execution claimed without a task, or whose task names a runtime this node lacks, fails
 * with a sentence saying so rather than waiting for a node that will never come.
 */
public final class LocalNodeRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalNodeRunner.class);

    private final GrpcNodeClient client;
    private final LocalNode node;
    private final LocalNodeModule module;
    private final ScheduledExecutorService schedule;
    private final Map<ExecutionId, AutoCloseable> watches = new ConcurrentHashMap<>();

    private LocalNodeRunner(GrpcNodeClient client, LocalNodeModule module) {
        this.client = client;
        this.module = module;
        this.node = module.node();
        this.schedule = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "local-node-runner");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Registers the node of {@code module} through {@code client} and starts heartbeating (a third of the lease the
     * service grants) and claiming work every {@code pollInterval}.
     */
    public static LocalNodeRunner start(GrpcNodeClient client, LocalNodeModule module, Duration pollInterval) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(pollInterval, "pollInterval");
        LocalNodeRunner runner = new LocalNodeRunner(client, module);
        LocalNode node = module.node();
        Set<String> runtimes = node.runtimes().stream().map(AgentRuntime::slug).collect(Collectors.toSet());
        Duration lease = client.register(node.capacity(), Map.of("kind", "local"), runtimes, Set.of());
        long heartbeatMillis = Math.max(1_000, lease.toMillis() / 3);
        runner.schedule.scheduleWithFixedDelay(runner::heartbeat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
        runner.schedule.scheduleWithFixedDelay(runner::claim, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("local node {} connected over gRPC: {} executions at once, runtimes {}", client.nodeId(),
                node.capacity(), runtimes);
        return runner;
    }

    private void heartbeat() {
        try {
            for (ExecutionId stop : client.heartbeat()) {
                if (node.cancel(stop)) {
                    LOG.info("stopped execution {}: it ended on the service", stop);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("local node heartbeat failed: {}", safeMessage(e));
        }
    }

    private void claim() {
        try {
            int free = node.capacity() - node.runningCount();
            if (free <= 0) {
                return;
            }
            for (NodeAssignment assignment : client.claimAssignments(free)) {
                run(assignment);
            }
        } catch (RuntimeException e) {
            LOG.warn("local node could not claim work: {}", safeMessage(e));
        }
    }

    private void run(NodeAssignment assignment) {
        ExecutionId id = assignment.execution().id();
        KeyPair agentKey = freshAgentKey();
        GrpcNodeClient.ForExecution calls;
        try {
            calls = client.begin(id, publicHalf(agentKey));
        } catch (DomainException e) {
            LOG.info("execution {} could not begin here ({}); leaving it to the service", id, e.code());
            return;
        }
        NodeExecution execution = calls.execution();
        AgentJob job;
        try {
            job = job(execution, assignment.task());
        } catch (InvalidInputException e) {
            finishQuietly(calls, e.getMessage());
            return;
        }
        SandboxToolSocket socket;
        try {
            socket = SandboxToolSocket.open(Files.createTempDirectory("aegis-tools-"), id,
                    new SealSignedToolCalls(client, calls.sealToken(), agentKey.getPrivate(),
                            module.programTools(job, execution.securityContext())));
        } catch (IOException | UncheckedIOException e) {
            finishQuietly(calls, "the local node could not open the tool channel of this run");
            return;
        }
        job = job.withToolSocket(socket.directory());
        if (calls.ownModelKey().isPresent()) {
            job = job.withUserKey(calls.ownModelKey().get());
        }
        AutoCloseable watch = calls.watch(event -> {
            if (event.executionId().equals(id) && event.ended()) {
                node.cancel(id);
            }
        }, ended -> { });
        watches.put(id, watch);
        try {
            node.start(job, new GrpcNodeReporter(calls, job.workspace())).whenComplete((result, failure) -> {
                closeWatch(id);
                socket.close();
                if (failure != null) {
                    LOG.warn("execution {} stopped unexpectedly on the local node: {}", id, safeMessage(failure));
                } else {
                    LOG.info("execution {} ended on the local node: {}", id, result.summary());
                }
            });
        } catch (DomainException e) {
            closeWatch(id);
            socket.close();
            finishQuietly(calls, "the local node could not start it: " + e.getMessage());
        }
    }

    /**
     * The job for a begun execution. Begin already counted attempt 1, so the loop's whole budget is
     * what is left counting that attempt, and its first "attempt started" is not reported again.
     *
     * @throws InvalidInputException naming why this node cannot run the task
     */
    private AgentJob job(NodeExecution execution, Optional<TaskSpec> task) {
        if (task.isEmpty()) {
            throw new InvalidInputException("node.no_task", "it was started without a task, so there is nothing to run");
        }
        TaskSpec spec = task.get();
        AgentRuntime runtime = spec.runtime().map(AgentRuntime::parse).orElse(AgentRuntime.PYTHON);
        if (!runtime.installed()) {
            throw new InvalidInputException("node.runtime_missing", "this node has no " + runtime.language()
                    + " installed");
        }
        OutputCheck check = new OutputCheck(spec.expectedExitCode().orElse(0), spec.expectedOutput(), Optional.empty());
        int budget = Math.max(1, execution.maxIterations() - execution.iterationCount() + 1);
        return new AgentJob(execution.id(), runtime, Optional.of(spec.instructions()), spec.code(), check, budget,
                execution.deadline(), AgentJob.DEFAULT_ATTEMPT_TIME_LIMIT,
                node.workspaceFor(execution.tenantId(), execution.id()),
                AgentJob.networkGranted(execution.securityContext()), SandboxLimits.forMemory(execution.memoryBytes()),
                spec.input().orElse(""), Optional.empty());
    }

    private static void finishQuietly(GrpcNodeClient.ForExecution calls, String reason) {
        try {
            calls.fail(Optional.of(reason));
        } catch (DomainException e) {
            LOG.info("execution {} could not be failed ({})", calls.execution().id(), e.code());
        }
    }

    private void closeWatch(ExecutionId id) {
        AutoCloseable watch = watches.remove(id);
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception e) {
                LOG.debug("closing the watch of {} failed: {}", id, e.getMessage());
            }
        }
    }

    /**
     * A new Ed25519 key for each execution: its public half is bound into the execution's SEAL token,
     * its private half signs the program's tool calls and never leaves this process's memory.
     */
    private static KeyPair freshAgentKey() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no Ed25519", e);
        }
    }

    private static SealAgentKey publicHalf(KeyPair key) {
        byte[] encoded = key.getPublic().getEncoded();
        return SealAgentKey.fromRaw(Arrays.copyOfRange(encoded, encoded.length - SealAgentKey.RAW_LENGTH, encoded.length));
    }

    private static String safeMessage(Throwable e) {
        return e instanceof DomainException domain ? domain.code() + ": " + domain.getMessage()
                : e.getClass().getSimpleName();
    }

    /** Stops claiming, stops watching; running jobs are cancelled when the {@link LocalNode} closes. */
    @Override
    public void close() {
        schedule.shutdownNow();
        List.copyOf(watches.keySet()).forEach(this::closeWatch);
        try {
            if (!schedule.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("the local node's claim loop did not stop within 10 seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
