package ai.aegis.domain.execution;

import static ai.aegis.domain.execution.ExecutionFixtures.DEADLINE;
import static ai.aegis.domain.execution.ExecutionFixtures.MEMORY;
import static ai.aegis.domain.execution.ExecutionFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.security.RandomContexts;
import ai.aegis.domain.security.SecurityContext;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ExecutionTreePropertiesTest {

    /** Builds a random tree by random operations, checking the invariants after every step. */
    private static ExecutionTree randomTree(long seed, int steps, boolean checkEachStep) {
        Random random = new Random(seed);
        SecurityContext rootContext = RandomContexts.context(random, "aegis-system-root");
        ExecutionTree tree = ExecutionTree.startRoot(new NewRoot(ExecutionId.of("root"), ExecutionFixtures.TENANT, "user-1",
                ExecutionFixtures.CONVERSATION, rootContext, DEADLINE, MEMORY, 10), Optional.empty(), 1 + random.nextInt(3), NOW);
        Map<ExecutionId, Execution> terminal = new HashMap<>();
        Instant now = NOW;
        for (int step = 0; step < steps; step++) {
            now = now.plusSeconds(1);
            List<Execution> all = tree.executions();
            Execution target = all.get(random.nextInt(all.size()));
            try {
                int choice = random.nextInt(10);
                if (choice < 5) {
                    List<Execution> active = all.stream().filter(Execution::isActive).toList();
                    Execution parent = active.isEmpty() ? target : active.get(random.nextInt(active.size()));
                    SecurityContext requested = random.nextInt(4) == 0
                            ? RandomContexts.context(random, "aegis-system-child")
                            : RandomContexts.narrowed(random, parent.securityContext(), "aegis-system-child");
                    boolean within = random.nextInt(5) != 0;
                    long room = Math.max(1, Duration.between(now, parent.deadline()).getSeconds());
                    Instant deadline = now.plusSeconds(1 + (within ? Math.floorMod(random.nextLong(), room) : random.nextInt(4000)));
                    long memory = 1 + (within ? Math.floorMod(random.nextLong(), parent.memoryBytes()) : Math.floorMod(random.nextLong(), 2 * MEMORY));
                    int iterations = 1 + random.nextInt(within ? parent.maxIterations() : 12);
                    tree = tree.spawnChild(parent.id(), requested, deadline, memory, iterations, now, ExecutionId.of("e" + step)).tree();
                } else if (choice == 5) {
                    tree = tree.start(target.id(), now).tree();
                } else if (choice == 6) {
                    tree = tree.complete(target.id(), now).tree();
                } else if (choice == 7) {
                    tree = random.nextBoolean() ? tree.fail(target.id(), now).tree() : tree.timeOut(target.id(), now).tree();
                } else if (choice == 8) {
                    tree = tree.recordIteration(target.id(), now).tree();
                } else if (random.nextInt(3) == 0) {
                    tree = tree.cancel(target.id(), now).tree();
                }
            } catch (DomainException refused) {
                // refusals are part of the exploration; the invariants below must hold either way
            }
            if (checkEachStep) {
                for (Execution execution : tree.executions()) {
                    Execution frozen = terminal.get(execution.id());
                    if (frozen != null) {
                        assertThat(execution).isEqualTo(frozen);
                    } else if (execution.isTerminal()) {
                        terminal.put(execution.id(), execution);
                    }
                }
            }
        }
        return tree;
    }

    @Example
    void generator_randomTrees_growBeyondTheRootAndReachEveryStatus() {
        int children = 0;
        EnumSet<ExecutionStatus> seen = EnumSet.noneOf(ExecutionStatus.class);
        for (long seed = 0; seed < 100; seed++) {
            ExecutionTree tree = randomTree(seed, 40, false);
            children += tree.executions().size() - 1;
            tree.executions().forEach(e -> seen.add(e.status()));
        }
        assertThat(children).isGreaterThan(100);
        assertThat(seen).containsExactlyInAnyOrder(ExecutionStatus.values());
    }

    @Property(tries = 300)
    void spawnChild_anyRandomTree_noChildBroaderThanItsParent(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int steps) {
        ExecutionTree tree = randomTree(seed, steps, false);

        for (Execution child : tree.executions()) {
            if (child.isRoot()) {
                continue;
            }
            Execution parent = tree.get(child.parentId().orElseThrow());
            assertThat(child.securityContext().exceedsCeilingOf(parent.securityContext())).isEmpty();
            assertThat(child.deadline()).isBeforeOrEqualTo(parent.deadline());
            assertThat(child.memoryBytes()).isLessThanOrEqualTo(parent.memoryBytes());
            assertThat(child.maxIterations()).isLessThanOrEqualTo(parent.maxIterations());
            assertThat(child.depth()).isEqualTo(parent.depth() + 1).isLessThanOrEqualTo(tree.maxDepth());
            assertThat(child.rootId()).isEqualTo(tree.root().id());
            assertThat(child.tenantId()).isEqualTo(tree.root().tenantId());
        }
    }

    @Property(tries = 300)
    void cancel_anyNode_reachesEveryNonTerminalDescendantAndNothingElse(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 60) int steps, @ForAll @IntRange(min = 0, max = 1000) int pick) {
        ExecutionTree tree = randomTree(seed, steps, false);
        List<Execution> all = tree.executions();
        Execution target = all.get(pick % all.size());

        TreeChange change = tree.cancel(target.id(), NOW.plus(Duration.ofHours(1)));

        Set<ExecutionId> expected = new HashSet<>();
        if (target.isActive()) {
            expected.add(target.id());
        }
        tree.descendants(target.id()).stream().filter(Execution::isActive).forEach(e -> expected.add(e.id()));
        Set<ExecutionId> changed = new HashSet<>();
        change.changed().forEach(e -> changed.add(e.id()));
        assertThat(changed).isEqualTo(expected);
        assertThat(change.changed()).allMatch(e -> e.status() == ExecutionStatus.CANCELLED);
        for (Execution before : all) {
            Execution after = change.tree().get(before.id());
            if (!expected.contains(before.id())) {
                assertThat(after).isEqualTo(before);
            }
        }
        for (Execution descendant : change.tree().descendants(target.id())) {
            assertThat(descendant.isTerminal()).isTrue();
        }
    }

    @Property(tries = 300)
    void anyOperation_terminalExecutionsNeverChange(@ForAll long seed, @ForAll @IntRange(min = 1, max = 80) int steps) {
        ExecutionTree tree = randomTree(seed, steps, true);

        assertThat(tree.activeCount()).isEqualTo((int) tree.executions().stream().filter(Execution::isActive).count());
    }
}
