package ai.aegis.bench;

import ai.aegis.adapters.persistence.ExecutionPersistenceAdapter;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.tenancy.TenantScope;
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
 * What a node's call about one member of a 10,000-execution swarm reads to authenticate it, in
 * PostgreSQL (app role, row-level security): {@code find}, the one execution, which
 * {@code ExecutionCallerService} and {@code ExecutionQueryService} read now; {@code loadTree}, the
 * whole swarm, which they read before.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class SwarmMemberLookupBenchmark {

    private final Identity.ZaruUser user = ExecutionBenchSupport.user("lookup-bench-user", ZaruTier.ENTERPRISE);
    private final AtomicInteger next = new AtomicInteger();
    private BenchDatabase database;
    private ExecutionPersistenceAdapter executions;
    private TenantId tenant;
    private String root;

    @Setup(Level.Trial)
    public void plantSwarm() {
        database = BenchDatabase.start();
        executions = new ExecutionPersistenceAdapter(database.jdbi());
        tenant = TenantScope.of(user);
        ExecutionTree tree = ExecutionBenchSupport.root(user, "lookup-swarm");
        executions.insertRoot(tree.root());
        root = tree.root().id().value();
        ExecutionBenchSupport.plantSwarm(database.owner(), root);
        database.owner().useHandle(handle -> handle.execute("VACUUM ANALYZE"));
    }

    /** Grandchildren in turn ({@code <root>-g0} … {@code <root>-g9899}), so no one row stays cached alone. */
    private ExecutionId member() {
        return ExecutionId.of(root + "-g" + Math.floorMod(next.getAndIncrement(), 9_900));
    }

    @Benchmark
    public Execution find() {
        return executions.find(tenant, member()).orElseThrow();
    }

    @Benchmark
    public ExecutionTree loadTree() {
        return executions.loadTree(tenant, member(), ExecutionTree.DEFAULT_MAX_DEPTH).orElseThrow();
    }

    @TearDown(Level.Trial)
    public void stopDatabase() {
        database.close();
    }
}
