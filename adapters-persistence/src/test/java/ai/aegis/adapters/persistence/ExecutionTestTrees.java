package ai.aegis.adapters.persistence;

import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.execution.NewRoot;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.security.BuiltInContexts;
import ai.aegis.domain.security.Capability;
import ai.aegis.domain.security.SecurityContext;
import ai.aegis.domain.security.SecurityContextName;
import ai.aegis.domain.security.ToolPattern;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/** Builds and stores execution trees of any shape for the PostgreSQL tests. */
final class ExecutionTestTrees {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    /** A context strictly narrower than the agent runtime's, using every dimension a capability has. */
    static final SecurityContext NARROWED = SecurityContext.of(SecurityContextName.of("aegis-system-agent-narrow"), List.of(
                    Capability.of("fs.*").withPathAllowlist("/workspace/src", "/workspace/tests"),
                    Capability.of("cmd.run").withCommandAllowlist("python3", "pytest"),
                    Capability.of("web.fetch").withDomainAllowlist("docs.python.org").withMaxResponseSize(65_536),
                    new Capability(ToolPattern.of("web.search"), Optional.empty(), Optional.of(List.of()), Optional.empty(),
                            OptionalLong.empty())),
            List.of(ToolPattern.of("fs.delete")));

    private ExecutionTestTrees() {
    }

    /** A Pending root, not yet stored, with room for {@code maxDepth} levels of children. */
    static ExecutionTree root(TenantId tenant, String id, String conversation, int maxDepth) {
        return ExecutionTree.startRoot(new NewRoot(ExecutionId.of(id), tenant, "user-1", ConversationId.of(conversation),
                BuiltInContexts.AGENT_RUNTIME, NOW.plus(Duration.ofHours(1)), 1L << 30, 10), Optional.empty(), maxDepth, NOW);
    }

    /**
     * Stores a tree of {@code size} executions under a new Pending root: node {@code i > 0} hangs
     * below {@code parentOf(i)} (an earlier node) and has status {@code statusOf(i)}. Executions are
     * made directly, not through spawn, so trees of thousands of nodes are quick to build.
     */
    static List<Execution> store(ExecutionPersistenceAdapter adapter, TenantId tenant, String rootId, int size,
            IntUnaryOperator parentOf, IntFunction<ExecutionStatus> statusOf) {
        ExecutionTree tree = root(tenant, rootId, "conv-" + rootId, Integer.MAX_VALUE);
        Execution root = tree.root();
        adapter.insertRoot(root);
        List<Execution> nodes = new ArrayList<>();
        nodes.add(root);
        for (int i = 1; i < size; i++) {
            Execution parent = nodes.get(parentOf.applyAsInt(i));
            nodes.add(new Execution(ExecutionId.of(rootId + "-" + i), tenant, root.ownerSubject(), root.conversationId(),
                    Optional.of(parent.id()), root.id(), parent.depth() + 1, statusOf.apply(i), NARROWED, root.deadline(),
                    root.memoryBytes(), root.maxIterations(), 0, NOW, NOW.plusSeconds(1)));
        }
        adapter.saveChanges(tenant, tree, nodes.subList(1, nodes.size()));
        return nodes;
    }
}
