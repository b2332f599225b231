package ai.aegis.application.contract;

import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.execution.NewRoot;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.security.BuiltInContexts;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Shared values for the port contracts. */
public final class ContractFixtures {

    public static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    public static final TenantId TENANT_A = TenantId.consumer(UUID.fromString("00000000-0000-4000-8000-00000000000a"));
    public static final TenantId TENANT_B = TenantId.consumer(UUID.fromString("00000000-0000-4000-8000-00000000000b"));

    private ContractFixtures() {
    }

    public static ExecutionTree newTree(TenantId tenant, String rootId, String conversation) {
        return ExecutionTree.startRoot(new NewRoot(ExecutionId.of(rootId), tenant, "user-1", ConversationId.of(conversation),
                BuiltInContexts.AGENT_RUNTIME, NOW.plus(Duration.ofMinutes(30)), 1024L * 1024 * 1024, 10),
                Optional.empty(), NOW);
    }
}
