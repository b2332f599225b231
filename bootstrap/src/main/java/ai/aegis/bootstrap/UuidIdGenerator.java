package ai.aegis.bootstrap;

import ai.aegis.application.port.out.IdGeneratorPort;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.execution.ExecutionId;
import java.util.UUID;

/** Random (version 4) UUIDs: unguessable and unique across instances without coordination. */
final class UuidIdGenerator implements IdGeneratorPort {

    @Override
    public ExecutionId newExecutionId() {
        return ExecutionId.of("exec-" + UUID.randomUUID());
    }

    @Override
    public ConversationId newConversationId() {
        return ConversationId.of("conv-" + UUID.randomUUID());
    }
}
