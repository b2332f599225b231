package ai.aegis.bench;

import ai.aegis.adapters.persistence.ExecutionPersistenceAdapter;
import ai.aegis.application.port.in.ReportIterationCommand;
import ai.aegis.application.port.in.SpawnChildExecutionCommand;
import ai.aegis.application.service.ExecutionService;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.iteration.IterationEventKind;
import ai.aegis.domain.tenancy.TenantScope;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * What a node's change to one member of a 10,000-execution swarm costs, through
 * {@code ExecutionService} end to end in PostgreSQL (app role, row-level security, durable commits,
 * the audit record included): {@code attempt} counts another attempt of a Running grandchild
 * ({@code ATTEMPT_STARTED}), {@code progress} reports a sentence about one, and {@code spawn} gives
 * one a child. Members are taken in turn so that no single row stays hot.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class SwarmMemberChangeBenchmark {

    private final Identity.ZaruUser user = ExecutionBenchSupport.user("member-change-bench-user", ZaruTier.ENTERPRISE);
    private final AtomicInteger next = new AtomicInteger();
    private BenchDatabase database;
    private ExecutionService service;
    private String root;

    @Setup(Level.Trial)
    public void plantSwarm() {
        database = BenchDatabase.start();
        ExecutionPersistenceAdapter executions = new ExecutionPersistenceAdapter(database.jdbi());
        service = ExecutionBenchSupport.postgresService(database.jdbi(), "member-change");
        ExecutionTree tree = ExecutionBenchSupport.root(user, "member-change-swarm");
        executions.insertRoot(tree.root());
        executions.saveChanges(TenantScope.of(user), tree,
                tree.start(tree.root().id(), ExecutionBenchSupport.CLOCK.now()).changed());
        root = tree.root().id().value();
        ExecutionBenchSupport.plantSwarm(database.owner(), root);
        database.owner().useHandle(handle -> handle.execute("VACUUM ANALYZE"));
    }

    /** The Running grandchildren in turn ({@code <root>-g0}, {@code -g2} … {@code -g9898}). */
    private ExecutionId runningMember() {
        return ExecutionId.of(root + "-g" + 2 * Math.floorMod(next.getAndIncrement(), 4_950));
    }

    @Benchmark
    public IterationEvent attempt() {
        return service.report(new ReportIterationCommand(user, runningMember(), IterationEventKind.ATTEMPT_STARTED,
                Optional.empty()));
    }

    @Benchmark
    public IterationEvent progress() {
        return service.report(new ReportIterationCommand(user, runningMember(), IterationEventKind.FIX_APPLIED,
                Optional.of("the import was missing")));
    }

    @Benchmark
    public Execution spawn() {
        return service.spawn(new SpawnChildExecutionCommand(user, runningMember(), Optional.empty(), Optional.empty(),
                OptionalLong.empty(), OptionalInt.empty()));
    }

    @TearDown(Level.Trial)
    public void stopDatabase() {
        database.close();
    }
}
