package ai.aegis.bootstrap.node;

import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.error.UnavailableException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.TenantId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local node's engine, what the gRPC node client drives: it keeps one volume directory per
 * execution ({@code <volumes>/<tenant>/<execution>}, private to its owner), runs up to
 * {@code capacity} jobs at once through the {@link IterationLoop}, and cancels a running job on
 * request (the client calls {@link #cancel} when the service cascades a cancellation to this node).
 * It reports which runtimes it offers and, when the sandbox cannot work here, why it runs nothing.
 */
public final class LocalNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalNode.class);

    private final IterationLoop loop;
    private final Sandbox sandbox;
    private final Path volumes;
    private final int capacity;
    private final ExecutorService workers;
    private final Map<ExecutionId, CancellationSignal> running = new ConcurrentHashMap<>();
    private final AtomicInteger threads = new AtomicInteger();

    public LocalNode(IterationLoop loop, Sandbox sandbox, Path volumes, int capacity) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.volumes = Objects.requireNonNull(volumes, "volumes").toAbsolutePath().normalize();
        if (capacity < 1) {
            throw new IllegalArgumentException("a node runs at least one job at a time");
        }
        this.capacity = capacity;
        this.workers = Executors.newFixedThreadPool(capacity, task -> {
            Thread thread = new Thread(task, "local-node-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** How many jobs this node runs at once (the capacity it registers with). */
    public int capacity() {
        return capacity;
    }

    /** How many jobs run now. */
    public int runningCount() {
        return running.size();
    }

    /** The runtimes whose interpreter is installed here (for node registration and {@code aegis.runtime.list}). */
    public List<AgentRuntime> runtimes() {
        return Arrays.stream(AgentRuntime.values()).filter(AgentRuntime::installed).collect(Collectors.toList());
    }

    /** Why this node cannot run code, or empty when it can. */
    public Optional<String> unavailableReason() {
        return sandbox.unavailableReason();
    }

    /**
     * The volume directory of {@code executionId}, created private to this node's user when missing.
     * It becomes {@code /workspace} of every attempt and stays after the run.
     *
     * @throws InvalidInputException {@code node.invalid_volume_name} for an id that is not a plain directory name
     */
    public Path workspaceFor(TenantId tenantId, ExecutionId executionId) {
        String name = executionId.value();
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidInputException("node.invalid_volume_name", "execution id " + name
                    + " cannot name a volume directory");
        }
        Path dir = volumes.resolve(tenantId.value()).resolve(name).normalize();
        if (!dir.getParent().getParent().equals(volumes)) {
            throw new InvalidInputException("node.invalid_volume_name", "execution id " + name
                    + " cannot name a volume directory");
        }
        try {
            createPrivate(volumes);
            createPrivate(dir.getParent());
            createPrivate(dir);
        } catch (IOException e) {
            throw new UnavailableException("node.volume_unavailable", "the node could not create the execution's"
                    + " workspace under its volume directory");
        }
        return dir;
    }

    /**
     * Starts {@code job}; the future completes with its result after the last report.
     *
     * @throws LimitExceededException {@code node.at_capacity} when {@link #capacity()} jobs already run
     * @throws AlreadyExistsException {@code node.already_running} when this execution already runs here
     */
    public CompletableFuture<LoopResult> start(AgentJob job, NodeReporter reporter) {
        CancellationSignal cancellation = new CancellationSignal();
        synchronized (running) {
            if (running.containsKey(job.executionId())) {
                throw new AlreadyExistsException("node.already_running", "execution " + job.executionId()
                        + " is already running on this node");
            }
            if (running.size() >= capacity) {
                throw new LimitExceededException("node.at_capacity", "this node already runs " + capacity
                        + " executions, its capacity");
            }
            running.put(job.executionId(), cancellation);
        }
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return loop.run(job, reporter, cancellation);
                } finally {
                    running.remove(job.executionId());
                }
            }, workers);
        } catch (RejectedExecutionException e) {
            running.remove(job.executionId());
            throw new UnavailableException("node.stopped", "this node is shutting down and takes no new executions");
        }
    }

    /**
     * Runs one command for a job's program (its {@code cmd.run} tool call) in a fresh sandbox on the
     * same workspace, with the job's network grant and limits, for at most {@code timeLimit}; it is
     * killed when the job is cancelled. The command is an argument vector: no shell reads it.
     */
    public SandboxResult runCommand(AgentJob job, List<String> command, Duration timeLimit) {
        CancellationSignal cancellation = running.get(job.executionId());
        if (cancellation == null || cancellation.isCancelled()) {
            throw new PreconditionFailedException("node.not_running", "execution " + job.executionId()
                    + " is not running on this node, so it runs no commands");
        }
        return sandbox.run(new SandboxRun(job.workspace(), Map.of(), command, "", job.network(), job.limits(),
                timeLimit), cancellation);
    }

    /** Cancels the job of {@code executionId} if it runs here; its processes are killed. True when it was running. */
    public boolean cancel(ExecutionId executionId) {
        CancellationSignal signal = running.get(executionId);
        if (signal == null) {
            return false;
        }
        signal.cancel();
        return true;
    }

    /** Cancels every running job and stops the workers. */
    @Override
    public void close() {
        running.values().forEach(CancellationSignal::cancel);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("local node jobs did not stop within 30 seconds of shutdown");
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }

    private static void createPrivate(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
