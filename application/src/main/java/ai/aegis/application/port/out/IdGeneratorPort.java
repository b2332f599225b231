package ai.aegis.application.port.out;

import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.execution.ExecutionId;

/** Fresh, never-reused ids for new conversations and executions (unguessable in production). */
public interface IdGeneratorPort {

    ExecutionId newExecutionId();

    ConversationId newConversationId();
}
