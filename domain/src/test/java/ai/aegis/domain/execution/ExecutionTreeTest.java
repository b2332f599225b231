package ai.aegis.domain.execution;

import static ai.aegis.domain.execution.ExecutionFixtures.DEADLINE;
import static ai.aegis.domain.execution.ExecutionFixtures.ITERATIONS;
import static ai.aegis.domain.execution.ExecutionFixtures.MEMORY;
import static ai.aegis.domain.execution.ExecutionFixtures.NARROW;
import static ai.aegis.domain.execution.ExecutionFixtures.NOW;
import static ai.aegis.domain.execution.ExecutionFixtures.newRoot;
import static ai.aegis.domain.execution.ExecutionFixtures.rootTree;
import static ai.aegis.domain.execution.ExecutionFixtures.spawn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.security.BuiltInContexts;
import ai.aegis.domain.security.Capability;
import ai.aegis.domain.security.SecurityContext;
import ai.aegis.domain.security.SecurityContextName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecutionTreeTest {

    private static ExecutionId id(String value) {
        return ExecutionId.of(value);
    }

    @Test
    void startRoot_noActiveRoot_pendingRootAtDepthZero() {
        ExecutionTree tree = rootTree();

        Execution root = tree.root();
        assertThat(root.status()).isEqualTo(ExecutionStatus.PENDING);
        assertThat(root.depth()).isZero();
        assertThat(root.rootId()).isEqualTo(root.id());
        assertThat(root.securityContext()).isEqualTo(BuiltInContexts.AGENT_RUNTIME);
        assertThat(tree.activeCount()).isEqualTo(1);
    }

    @Test
    void startRoot_conversationHasActiveRoot_refused() {
        Execution active = rootTree().root();

        assertThatThrownBy(() -> ExecutionTree.startRoot(newRoot("root-2"), Optional.of(active), NOW))
                .isInstanceOf(AlreadyExistsException.class)
                .hasFieldOrPropertyWithValue("code", "execution.root_active")
                .hasMessageContaining("conv-1");
    }

    @Test
    void startRoot_previousRootFinished_allowed() {
        ExecutionTree first = rootTree();
        Execution cancelled = first.cancel(id("root"), NOW).tree().root();

        assertThat(ExecutionTree.startRoot(newRoot("root-2"), Optional.of(cancelled), NOW).root().id()).isEqualTo(id("root-2"));
    }

    @Test
    void startRoot_deadlineNotInFuture_refused() {
        NewRoot spec = new NewRoot(id("r"), ExecutionFixtures.TENANT, "user-1", ExecutionFixtures.CONVERSATION,
                BuiltInContexts.AGENT_RUNTIME, NOW, MEMORY, ITERATIONS);

        assertThatThrownBy(() -> ExecutionTree.startRoot(spec, Optional.empty(), NOW)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void spawnChild_withinCeiling_inheritsRootTenantConversationAndOwner() {
        TreeChange change = rootTree().spawnChild(id("root"), NARROW, DEADLINE.minusSeconds(60), MEMORY / 2, 3, NOW, id("c1"));

        Execution child = change.changed().get(0);
        assertThat(change.changed()).hasSize(1);
        assertThat(child.parentId()).contains(id("root"));
        assertThat(child.rootId()).isEqualTo(id("root"));
        assertThat(child.tenantId()).isEqualTo(ExecutionFixtures.TENANT);
        assertThat(child.conversationId()).isEqualTo(ExecutionFixtures.CONVERSATION);
        assertThat(child.ownerSubject()).isEqualTo("user-1");
        assertThat(child.depth()).isEqualTo(1);
        assertThat(child.status()).isEqualTo(ExecutionStatus.PENDING);
        assertThat(change.tree().activeCount()).isEqualTo(2);
    }

    @Test
    void spawnChild_broaderTools_refusedNamingTools() {
        SecurityContext broader = SecurityContext.of(SecurityContextName.of("aegis-system-broad"),
                List.of(Capability.of("aegis.agent.create")), List.of());

        assertThatThrownBy(() -> rootTree().spawnChild(id("root"), broader, DEADLINE, MEMORY, ITERATIONS, NOW, id("c1")))
                .isInstanceOf(AccessDeniedException.class).hasFieldOrPropertyWithValue("code", "ceiling.tools");
    }

    @Test
    void spawnChild_broaderPaths_refusedNamingPaths() {
        SecurityContext broader = SecurityContext.of(SecurityContextName.of("aegis-system-broad"),
                List.of(Capability.of("fs.read").withPathAllowlist("/")), List.of());

        assertThatThrownBy(() -> rootTree().spawnChild(id("root"), broader, DEADLINE, MEMORY, ITERATIONS, NOW, id("c1")))
                .hasFieldOrPropertyWithValue("code", "ceiling.paths");
    }

    @Test
    void spawnChild_broaderCommandsAndDomains_refusedNamingDimension() {
        ExecutionTree tree = ExecutionTree.startRoot(new NewRoot(id("root"), ExecutionFixtures.TENANT, "user-1",
                ExecutionFixtures.CONVERSATION, SecurityContext.of(SecurityContextName.of("aegis-system-limited"), List.of(
                        Capability.of("cmd.run").withCommandAllowlist("python3"),
                        Capability.of("web.fetch").withDomainAllowlist("example.com")), List.of()),
                DEADLINE, MEMORY, ITERATIONS), Optional.empty(), NOW);
        SecurityContext moreCommands = SecurityContext.of(SecurityContextName.of("aegis-system-c"),
                List.of(Capability.of("cmd.run").withCommandAllowlist("python3", "bash")), List.of());
        SecurityContext moreDomains = SecurityContext.of(SecurityContextName.of("aegis-system-d"),
                List.of(Capability.of("web.fetch").withDomainAllowlist("badexample.com")), List.of());

        assertThatThrownBy(() -> tree.spawnChild(id("root"), moreCommands, DEADLINE, MEMORY, ITERATIONS, NOW, id("c1")))
                .hasFieldOrPropertyWithValue("code", "ceiling.commands");
        assertThatThrownBy(() -> tree.spawnChild(id("root"), moreDomains, DEADLINE, MEMORY, ITERATIONS, NOW, id("c1")))
                .hasFieldOrPropertyWithValue("code", "ceiling.domains");
    }

    @Test
    void spawnChild_laterDeadline_refusedNamingDeadline() {
        assertThatThrownBy(() -> rootTree().spawnChild(id("root"), NARROW, DEADLINE.plusMillis(1), MEMORY, ITERATIONS, NOW,
                id("c1"))).isInstanceOf(AccessDeniedException.class).hasFieldOrPropertyWithValue("code", "ceiling.deadline");
    }

    @Test
    void spawnChild_moreMemory_refusedNamingMemory() {
        assertThatThrownBy(() -> rootTree().spawnChild(id("root"), NARROW, DEADLINE, MEMORY + 1, ITERATIONS, NOW, id("c1")))
                .hasFieldOrPropertyWithValue("code", "ceiling.memory");
    }

    @Test
    void spawnChild_moreIterations_refusedNamingIterations() {
        assertThatThrownBy(() -> rootTree().spawnChild(id("root"), NARROW, DEADLINE, MEMORY, ITERATIONS + 1, NOW, id("c1")))
                .hasFieldOrPropertyWithValue("code", "ceiling.iterations");
    }

    @Test
    void spawnChild_beyondDepthCap_refused() {
        ExecutionTree tree = spawn(spawn(spawn(rootTree(), "root", "d1"), "d1", "d2"), "d2", "d3");

        assertThat(tree.get(id("d3")).depth()).isEqualTo(3);
        assertThatThrownBy(() -> spawn(tree, "d3", "d4")).isInstanceOf(AccessDeniedException.class)
                .hasFieldOrPropertyWithValue("code", "subordination.depth");
    }

    @Test
    void spawnChild_configuredDepthCapOfOne_refusesGrandchild() {
        ExecutionTree tree = ExecutionTree.startRoot(newRoot("root"), Optional.empty(), 1, NOW);
        ExecutionTree withChild = spawn(tree, "root", "c1");

        assertThatThrownBy(() -> spawn(withChild, "c1", "c2")).hasFieldOrPropertyWithValue("code", "subordination.depth");
    }

    @Test
    void spawnChild_unknownParent_notFound() {
        assertThatThrownBy(() -> spawn(rootTree(), "nope", "c1")).isInstanceOf(NotFoundException.class)
                .hasFieldOrPropertyWithValue("code", "execution.not_found");
    }

    @Test
    void spawnChild_duplicateId_refused() {
        assertThatThrownBy(() -> spawn(rootTree(), "root", "root")).isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void spawnChild_terminalParent_refused() {
        ExecutionTree tree = rootTree().cancel(id("root"), NOW).tree();

        assertThatThrownBy(() -> spawn(tree, "root", "c1")).isInstanceOf(PreconditionFailedException.class)
                .hasFieldOrPropertyWithValue("code", "execution.parent_not_active");
    }

    @Test
    void spawnChild_deadlineInPast_refused() {
        assertThatThrownBy(() -> rootTree().spawnChild(id("root"), NARROW, NOW, MEMORY, ITERATIONS, NOW, id("c1")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void cancel_root_cascadesToEveryActiveDescendantAndReturnsExactlyThem() {
        ExecutionTree tree = spawn(spawn(spawn(rootTree(), "root", "a"), "root", "b"), "a", "a1");
        tree = tree.start(id("a"), NOW).tree().start(id("b"), NOW).tree().complete(id("b"), NOW).tree();

        TreeChange change = tree.cancel(id("root"), NOW.plusSeconds(1));

        assertThat(change.changed()).extracting(Execution::id).containsExactly(id("root"), id("a"), id("a1"));
        assertThat(change.changed()).allMatch(e -> e.status() == ExecutionStatus.CANCELLED);
        assertThat(change.tree().get(id("b")).status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(change.tree().activeCount()).isZero();
    }

    @Test
    void cancel_subtree_leavesSiblingsAndAncestorsAlone() {
        ExecutionTree tree = spawn(spawn(spawn(rootTree(), "root", "a"), "root", "b"), "a", "a1");

        TreeChange change = tree.cancel(id("a"), NOW);

        assertThat(change.changed()).extracting(Execution::id).containsExactly(id("a"), id("a1"));
        assertThat(change.tree().get(id("root")).isActive()).isTrue();
        assertThat(change.tree().get(id("b")).isActive()).isTrue();
    }

    @Test
    void cancel_alreadyCancelled_changesNothing() {
        ExecutionTree cancelled = rootTree().cancel(id("root"), NOW).tree();

        assertThat(cancelled.cancel(id("root"), NOW).changed()).isEmpty();
    }

    @Test
    void complete_parentWithActiveChildren_cancelsThem() {
        ExecutionTree tree = spawn(rootTree().start(id("root"), NOW).tree(), "root", "c1");

        TreeChange change = tree.complete(id("root"), NOW);

        assertThat(change.changed()).extracting(Execution::status)
                .containsExactly(ExecutionStatus.COMPLETED, ExecutionStatus.CANCELLED);
    }

    @Test
    void complete_pendingExecution_refusedAsIllegalTransition() {
        assertThatThrownBy(() -> rootTree().complete(id("root"), NOW)).isInstanceOf(PreconditionFailedException.class)
                .hasMessageContaining("from Pending to Completed");
    }

    @Test
    void fail_and_timeOut_fromPending_allowed() {
        assertThat(rootTree().fail(id("root"), NOW).tree().root().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(rootTree().timeOut(id("root"), NOW).tree().root().status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    }

    @Test
    void terminalExecution_anyFurtherTransition_refused() {
        ExecutionTree done = rootTree().start(id("root"), NOW).tree().complete(id("root"), NOW).tree();

        assertThatThrownBy(() -> done.start(id("root"), NOW)).isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> done.fail(id("root"), NOW)).isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> done.timeOut(id("root"), NOW)).isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> done.complete(id("root"), NOW)).isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> done.recordIteration(id("root"), NOW)).isInstanceOf(PreconditionFailedException.class);
    }

    @Test
    void recordIteration_upToCap_thenRefused() {
        ExecutionTree tree = ExecutionTree.startRoot(new NewRoot(id("root"), ExecutionFixtures.TENANT, "user-1",
                ExecutionFixtures.CONVERSATION, BuiltInContexts.AGENT_RUNTIME, DEADLINE, MEMORY, 2), Optional.empty(), NOW)
                .start(id("root"), NOW).tree();
        tree = tree.recordIteration(id("root"), NOW).tree().recordIteration(id("root"), NOW).tree();
        ExecutionTree full = tree;

        assertThat(full.root().iterationCount()).isEqualTo(2);
        assertThatThrownBy(() -> full.recordIteration(id("root"), NOW)).isInstanceOf(LimitExceededException.class)
                .hasFieldOrPropertyWithValue("code", "execution.iterations_exhausted");
    }

    @Test
    void recordIteration_pending_refused() {
        assertThatThrownBy(() -> rootTree().recordIteration(id("root"), NOW))
                .hasFieldOrPropertyWithValue("code", "execution.not_running");
    }

    @Test
    void expireOverdue_pastDeadline_timesOutAndCascades() {
        ExecutionTree tree = spawn(rootTree(), "root", "c1");
        Instant after = DEADLINE.plus(Duration.ofSeconds(1));

        TreeChange change = tree.expireOverdue(after);

        assertThat(change.changed()).extracting(Execution::status)
                .containsExactly(ExecutionStatus.TIMED_OUT, ExecutionStatus.CANCELLED);
        assertThat(tree.expireOverdue(NOW).changed()).isEmpty();
    }

    @Test
    void of_storedExecutions_rebuildsSameTree() {
        ExecutionTree tree = spawn(spawn(rootTree(), "root", "a"), "a", "a1");
        List<Execution> shuffled = List.of(tree.get(id("a1")), tree.get(id("root")), tree.get(id("a")));

        ExecutionTree rebuilt = ExecutionTree.of(shuffled, ExecutionTree.DEFAULT_MAX_DEPTH);

        assertThat(rebuilt).isEqualTo(tree);
        assertThat(rebuilt.executions()).extracting(Execution::id).containsExactly(id("root"), id("a"), id("a1"));
        assertThat(rebuilt.descendants(id("root"))).hasSize(2);
    }

    @Test
    void of_childOfAnotherTenant_refusedAsNotSubordinate() {
        ExecutionTree tree = spawn(rootTree(), "root", "a");
        Execution a = tree.get(id("a"));
        Execution foreign = new Execution(a.id(), ai.aegis.domain.identity.TenantId.of("acme-labs"), a.ownerSubject(),
                a.conversationId(), a.parentId(), a.rootId(), a.depth(), a.status(), a.securityContext(), a.deadline(),
                a.memoryBytes(), a.maxIterations(), a.iterationCount(), a.createdAt(), a.updatedAt());

        assertThatThrownBy(() -> ExecutionTree.of(List.of(tree.root(), foreign), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
