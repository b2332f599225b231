package ai.aegis.bench;

import ai.aegis.application.memory.InMemoryAuditLogAdapter;
import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.memory.InMemoryConversationRepositoryAdapter;
import ai.aegis.application.memory.InMemoryExecutionEventPublisherAdapter;
import ai.aegis.application.memory.InMemoryExecutionRepositoryAdapter;
import ai.aegis.application.memory.InMemoryIdGeneratorAdapter;
import ai.aegis.application.memory.InMemoryIterationEventRepositoryAdapter;
import ai.aegis.application.memory.InMemoryLimitOverridesAdapter;
import ai.aegis.application.port.in.CancelExecutionCommand;
import ai.aegis.application.port.in.SpawnChildExecutionCommand;
import ai.aegis.application.port.out.ExecutionRepositoryPort.Transition;
import ai.aegis.application.service.ExecutionService;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.tenancy.TenantScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The execution service over the in-memory twins (no database): the issue 5 figures in memory.
 * <ul>
 *   <li>{@link Cascade}: cancelling a fresh 10,000-execution swarm (root, 99 children, 9,900
 *       grandchildren), single shot — {@code cascadeStatement} the repository's
 *       {@code cancelSubtree} alone, {@code cascadeService} {@code ExecutionService.cancel} with its
 *       revocations, events and audit record.</li>
 *   <li>{@link Spawning}: {@code spawn} throughput — load the tree, the ceiling rule (context, deadline,
 *       memory, iterations), the per-owner concurrency check and the save, then the status-change and
 *       child-spawned events and the audit record. A Business user (cap raised so it never refuses)
 *       spawns into 2,000 swarms in turn, so trees stay small as in real use.</li>
 * </ul>
 */
public class InMemoryExecutionBenchmark {

    private static final Identity.ZaruUser USER = ExecutionBenchSupport.user("memory-bench-user", ZaruTier.BUSINESS);

    /** A service over fresh in-memory twins. */
    static final class Wiring {
        final InMemoryClockAdapter clock = new InMemoryClockAdapter(Instant.parse("2026-11-28T12:00:00Z"));
        final InMemoryExecutionRepositoryAdapter executions = new InMemoryExecutionRepositoryAdapter();
        final InMemoryLimitOverridesAdapter overrides = new InMemoryLimitOverridesAdapter();
        final ExecutionService service = new ExecutionService(new InMemoryConversationRepositoryAdapter(), executions,
                new InMemoryIterationEventRepositoryAdapter(), overrides, new InMemoryExecutionEventPublisherAdapter(),
                new InMemoryAuditLogAdapter(), clock,
                new InMemoryIdGeneratorAdapter());
    }

    @State(Scope.Benchmark)
    public static class Cascade {
        Wiring wiring;
        ExecutionId root;

        @Setup(Level.Invocation)
        public void plantSwarm() {
            wiring = new Wiring();
            ExecutionTree tree = ExecutionBenchSupport.root(USER, "swarm");
            Execution top = tree.root();
            wiring.executions.insertRoot(top);
            List<Execution> members = new ArrayList<>();
            for (int c = 1; c <= 99; c++) {
                Execution child = member(top, top.id().value() + "-c" + c, c);
                members.add(child);
                for (int g = 0; g < 100; g++) {
                    members.add(member(child, child.id().value() + "-g" + g, g));
                }
            }
            wiring.executions.saveChanges(TenantScope.of(USER), tree, members);
            root = top.id();
        }

        private static Execution member(Execution parent, String id, int n) {
            return new Execution(ExecutionId.of(id), parent.tenantId(), parent.ownerSubject(), parent.conversationId(),
                    Optional.of(parent.id()), parent.rootId(), parent.depth() + 1,
                    n % 2 == 0 ? ExecutionStatus.RUNNING : ExecutionStatus.PENDING, parent.securityContext(),
                    parent.deadline(), parent.memoryBytes(), parent.maxIterations(), 0, parent.createdAt(),
                    parent.updatedAt());
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Threads(1)
    public List<Transition> cascadeStatement(Cascade state) {
        List<Transition> cancelled = state.wiring.executions.cancelSubtree(TenantScope.of(USER), state.root,
                state.wiring.clock.now());
        if (cancelled.size() != 10_000) {
            throw new IllegalStateException("the cascade cancelled " + cancelled.size() + " executions, not 10,000");
        }
        return cancelled;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Threads(1)
    public List<Execution> cascadeService(Cascade state) {
        List<Execution> cancelled = state.wiring.service.cancel(new CancelExecutionCommand(USER, state.root));
        if (cancelled.size() != 10_000) {
            throw new IllegalStateException("the cascade cancelled " + cancelled.size() + " executions, not 10,000");
        }
        return cancelled;
    }

    @State(Scope.Benchmark)
    public static class Spawning {
        static final int SWARMS = 2_000;
        Wiring wiring;
        final List<ExecutionId> roots = new ArrayList<>();
        int next;

        @Setup(Level.Iteration)
        public void startSwarms() {
            wiring = new Wiring();
            wiring.overrides.setUser(TenantScope.of(USER), USER.subject(),
                    LimitOverrides.none().withMaxConcurrentExecutions(CountLimit.of(10_000_000)));
            roots.clear();
            for (int i = 0; i < SWARMS; i++) {
                Execution root = ExecutionBenchSupport.root(USER, "spawn-root-" + i).root();
                wiring.executions.insertRoot(root);
                roots.add(root.id());
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(1)
    public Execution spawn(Spawning state) {
        ExecutionId parent = state.roots.get(state.next++ % Spawning.SWARMS);
        return state.wiring.service.spawn(SpawnChildExecutionCommand.inheriting(USER, parent));
    }
}
