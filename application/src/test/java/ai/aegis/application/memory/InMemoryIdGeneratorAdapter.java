package ai.aegis.application.memory;

import ai.aegis.application.port.out.IdGeneratorPort;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.execution.ExecutionId;
import java.util.concurrent.atomic.AtomicLong;

/** Sequential, predictable ids ({@code exec-1}, {@code conv-1}, ...) for tests. Thread-safe. */
public final class InMemoryIdGeneratorAdapter implements IdGeneratorPort {

    private final AtomicLong executions = new AtomicLong();
    private final AtomicLong conversations = new AtomicLong();

    @Override
    public ExecutionId newExecutionId() {
        return ExecutionId.of("exec-" + executions.incrementAndGet());
    }

    @Override
    public ConversationId newConversationId() {
        return ConversationId.of("conv-" + conversations.incrementAndGet());
    }
}
