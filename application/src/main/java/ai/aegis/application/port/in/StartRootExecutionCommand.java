package ai.aegis.application.port.in;

import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.execution.TaskSpec;
import ai.aegis.domain.identity.Identity;
import java.util.Objects;
import java.util.Optional;

/** Start a root execution in a conversation, optionally with the task it carries to the node that runs it. */
public record StartRootExecutionCommand(Identity identity, ConversationId conversationId, Optional<TaskSpec> task) {

    public StartRootExecutionCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(task, "task");
    }

    /** A root without a task (for callers that drive the execution themselves). */
    public StartRootExecutionCommand(Identity identity, ConversationId conversationId) {
        this(identity, conversationId, Optional.empty());
    }
}
