package ai.aegis.bench;

import ai.aegis.adapters.persistence.ExecutionPersistenceAdapter;
import ai.aegis.adapters.persistence.IterationEventPersistenceAdapter;
import ai.aegis.application.port.in.ReportIterationCommand;
import ai.aegis.application.service.ExecutionService;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.execution.TreeChange;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.iteration.IterationEventKind;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Execution writes in PostgreSQL, one thread, each operation one committed transaction (durability
 * on, the app role, row-level security):
 * <ul>
 *   <li>{@code insertRoot}: a new root without a cap; {@code insertRootCapped} with the per-owner
 *       concurrency check (owner's advisory lock, count, insert) — each root has its own owner, so
 *       the count stays as small as a real cap keeps it;</li>
 *   <li>{@code loadAdvanceSave}: the repository round of an iteration report — load the tree of a
 *       Running execution, count one iteration in the domain, save it guarded by the row version;</li>
 *   <li>{@code reportIteration}: {@code ExecutionService.report} end to end (the round above, the
 *       stored iteration event, its NOTIFY and the audit record with its hash chain);</li>
 *   <li>{@code appendIterationEvent}: one stored iteration event.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class PostgresExecutionStoreBenchmark {

    private static final int RUNNING = 1_000;

    private final Identity.ZaruUser user = ExecutionBenchSupport.user("store-bench-user", ZaruTier.ENTERPRISE);
    private final AtomicLong sequence = new AtomicLong();
    private BenchDatabase database;
    private ExecutionPersistenceAdapter executions;
    private IterationEventPersistenceAdapter iterations;
    private ExecutionService service;
    private final List<ExecutionId> running = new ArrayList<>();
    private TenantId tenant;

    @Setup(Level.Trial)
    public void startDatabase() {
        database = BenchDatabase.start();
        executions = new ExecutionPersistenceAdapter(database.jdbi());
        iterations = new IterationEventPersistenceAdapter(database.jdbi());
        service = ExecutionBenchSupport.postgresService(database.jdbi(), "store");
        tenant = TenantScope.of(user);
        for (int i = 0; i < RUNNING; i++) {
            ExecutionTree tree = ExecutionBenchSupport.root(user, "running-" + i);
            executions.insertRoot(tree.root());
            executions.saveChanges(tenant, tree, tree.start(tree.root().id(), ExecutionBenchSupport.CLOCK.now()).changed());
            running.add(tree.root().id());
        }
        database.owner().useHandle(handle -> handle.execute("VACUUM ANALYZE"));
    }

    @Benchmark
    public Execution insertRoot() {
        Execution root = ExecutionBenchSupport.root(user, "root-" + sequence.incrementAndGet()).root();
        executions.insertRoot(root);
        return root;
    }

    @Benchmark
    public Execution insertRootCapped() {
        long n = sequence.incrementAndGet();
        Identity.ZaruUser owner = ExecutionBenchSupport.user("owner-" + n, ZaruTier.BUSINESS);
        Execution root = ExecutionBenchSupport.root(owner, "capped-" + n).root();
        executions.insertRoot(root, CountLimit.of(50));
        return root;
    }

    @Benchmark
    public Execution loadAdvanceSave() {
        ExecutionId id = nextRunning();
        ExecutionTree before = executions.loadTree(tenant, id, ExecutionTree.DEFAULT_MAX_DEPTH).orElseThrow();
        TreeChange counted = before.recordIteration(id, ExecutionBenchSupport.CLOCK.now());
        executions.saveChanges(tenant, before, counted.changed());
        return counted.changed().get(0);
    }

    @Benchmark
    public IterationEvent reportIteration() {
        return service.report(new ReportIterationCommand(user, nextRunning(), IterationEventKind.ATTEMPT_STARTED,
                Optional.empty()));
    }

    @Benchmark
    public IterationEvent appendIterationEvent() {
        IterationEvent event = IterationEvent.of(nextRunning(), IterationEventKind.VALIDATION_FAILED, 1, 1_000_000,
                ExecutionBenchSupport.CLOCK.now(), "the test for the date parser failed");
        iterations.append(tenant, event);
        return event;
    }

    private ExecutionId nextRunning() {
        return running.get((int) (sequence.incrementAndGet() % RUNNING));
    }

    @TearDown(Level.Trial)
    public void stopDatabase() {
        database.close();
    }
}
