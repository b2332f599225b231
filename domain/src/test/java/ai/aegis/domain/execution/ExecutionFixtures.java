package ai.aegis.domain.execution;

import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.security.BuiltInContexts;
import ai.aegis.domain.security.Capability;
import ai.aegis.domain.security.SecurityContext;
import ai.aegis.domain.security.SecurityContextName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

final class ExecutionFixtures {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    static final Instant DEADLINE = NOW.plus(Duration.ofMinutes(30));
    static final long MEMORY = 2L * 1024 * 1024 * 1024;
    static final int ITERATIONS = 10;
    static final TenantId TENANT = TenantId.consumer(UUID.fromString("00000000-0000-4000-8000-000000000001"));
    static final ConversationId CONVERSATION = ConversationId.of("conv-1");
    static final SecurityContext NARROW = SecurityContext.of(SecurityContextName.of("aegis-system-agent-runtime-narrow"),
            List.of(Capability.of("fs.read").withPathAllowlist("/workspace/src"), Capability.of("web.search")), List.of());

    private ExecutionFixtures() {
    }

    static NewRoot newRoot(String id) {
        return new NewRoot(ExecutionId.of(id), TENANT, "user-1", CONVERSATION, BuiltInContexts.AGENT_RUNTIME, DEADLINE,
                MEMORY, ITERATIONS);
    }

    static ExecutionTree rootTree() {
        return ExecutionTree.startRoot(newRoot("root"), Optional.empty(), NOW);
    }

    static ExecutionTree spawn(ExecutionTree tree, String parent, String child) {
        return tree.spawnChild(ExecutionId.of(parent), NARROW, DEADLINE, MEMORY, ITERATIONS, NOW, ExecutionId.of(child)).tree();
    }
}
