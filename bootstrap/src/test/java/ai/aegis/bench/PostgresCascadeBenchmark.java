package ai.aegis.bench;

import ai.aegis.adapters.persistence.ExecutionEventListener;
import ai.aegis.adapters.persistence.ExecutionPersistenceAdapter;
import ai.aegis.application.port.in.CancelExecutionCommand;
import ai.aegis.application.port.out.ExecutionRepositoryPort.Transition;
import ai.aegis.application.service.ExecutionService;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.execution.TreeChange;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.iteration.IterationEventKind;
import ai.aegis.domain.tenancy.TenantScope;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Cascade cancellation of a 10,000-execution swarm in PostgreSQL (issue 5's target: ≤ 150 ms from
 * the cancel call to the last descendant Cancelled). Every invocation gets a fresh swarm, bulk
 * inserted and {@code ANALYZE}d before the clock starts.
 *
 * <ul>
 *   <li>{@code statement}: the repository's one-statement cascade ({@code cancelSubtree}) alone —
 *       when it returns, all 10,000 rows are Cancelled and committed.</li>
 *   <li>{@code service}: {@code ExecutionService.cancel} end to end — the cascade (whose status
 *       change is also every member's token revocation and final event), then 10,000 status
 *       changes and 10,000 iteration sentences packed into NOTIFYs, and the audit record with its
 *       hash chain, all committed together.</li>
 *   <li>{@code serviceHeard}: {@code service} until an event listener on its own connection, as on
 *       another instance, has handed out the 10,000th Cancelled sentence of the swarm: what a
 *       watcher anywhere waits.</li>
 * </ul>
 * The swarm is {@code ANALYZE}d (or vacuumed, see {@link #prepare}) before the clock starts.
 * {@code target=root} cancels the root (the statement takes the tree by {@code root_id});
 * {@code target=subtree} cancels a depth-1 execution holding all 10,000 (a recursive walk down
 * {@code parent_id}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class PostgresCascadeBenchmark {

    @Param({"root", "subtree"})
    public String target;

    /**
     * {@code analyze}: the swarm is fresh (its rows not yet vacuumed, so the cascade also sets their
     * hint bits); {@code vacuum}: as a swarm that has run for a while, after autovacuum visited it.
     */
    @Param({"analyze", "vacuum"})
    public String prepare;

    private final Identity.ZaruUser user = ExecutionBenchSupport.user("cascade-bench-user", ZaruTier.ENTERPRISE);
    private BenchDatabase database;
    private ExecutionPersistenceAdapter executions;
    private ExecutionService service;
    private int swarms;
    private ExecutionId top;
    private ExecutionEventListener listener;
    private volatile Heard heard;

    /** Counts the Cancelled sentences of one swarm's members as the listener hands them out. */
    private record Heard(String prefix, CountDownLatch members) {
    }

    @Setup(Level.Trial)
    public void startDatabase() {
        database = BenchDatabase.start();
        executions = new ExecutionPersistenceAdapter(database.jdbi());
        service = ExecutionBenchSupport.postgresService(database.jdbi(), "cascade");
        listener = ExecutionEventListener.start(database.settings(), change -> {
        }, (tenant, event) -> {
            Heard current = heard;
            if (current != null && event.kind() == IterationEventKind.CANCELLED
                    && event.executionId().value().startsWith(current.prefix())) {
                current.members().countDown();
            }
        });
    }

    @Setup(Level.Invocation)
    public void plantSwarm() {
        swarms++;
        ExecutionTree tree = ExecutionBenchSupport.root(user, "swarm-" + target + "-" + swarms);
        executions.insertRoot(tree.root());
        TreeChange started = tree.start(tree.root().id(), ExecutionBenchSupport.CLOCK.now());
        executions.saveChanges(TenantScope.of(user), tree, started.changed());
        ExecutionTree running = started.tree();
        top = tree.root().id();
        if (target.equals("subtree")) {
            Execution root = running.root();
            ExecutionId hub = ExecutionId.of(root.id().value() + "-hub");
            executions.saveChanges(TenantScope.of(user), running, running.spawnChild(root.id(), root.securityContext(),
                    root.deadline(), root.memoryBytes(), root.maxIterations(), ExecutionBenchSupport.CLOCK.now(), hub)
                    .changed());
            top = hub;
        }
        ExecutionBenchSupport.plantSwarm(database.owner(), top.value());
        if (prepare.equals("vacuum")) {
            // The side table too: earlier invocations' cascades left 10,000 dead rows in it, as a
            // running service's would until autovacuum came by.
            database.owner().useHandle(handle -> {
                handle.execute("VACUUM ANALYZE execution");
                handle.execute("VACUUM ANALYZE execution_active");
            });
        }
    }

    @Benchmark
    public List<Transition> statement() {
        return requireAll(executions.cancelSubtree(TenantScope.of(user), top, ExecutionBenchSupport.CLOCK.now()));
    }

    @Benchmark
    public List<Execution> service() {
        List<Execution> cancelled = service.cancel(new CancelExecutionCommand(user, top));
        if (cancelled.size() != 10_000 || cancelled.get(cancelled.size() - 1).status() != ExecutionStatus.CANCELLED) {
            throw new IllegalStateException("the cascade cancelled " + cancelled.size() + " executions, not 10,000");
        }
        return cancelled;
    }

    @Benchmark
    public List<Execution> serviceHeard() throws InterruptedException {
        Heard swarm = new Heard(top.value(), new CountDownLatch(10_000));
        heard = swarm;
        List<Execution> cancelled = service();
        if (!swarm.members().await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the listener heard " + (10_000 - swarm.members().getCount())
                    + " of the 10,000 Cancelled sentences within 30 s");
        }
        return cancelled;
    }

    private static List<Transition> requireAll(List<Transition> cancelled) {
        if (cancelled.size() != 10_000) {
            throw new IllegalStateException("the cascade cancelled " + cancelled.size() + " executions, not 10,000");
        }
        return cancelled;
    }

    @TearDown(Level.Trial)
    public void stopDatabase() {
        listener.close();
        database.close();
    }
}
