package ai.aegis.application.port.in;

import ai.aegis.domain.execution.Execution;
import java.util.List;

/** Cancelling a conversation cancels its active root execution with cascade. */
public interface CancelConversationUseCase {

    /** Exactly the executions that were cancelled (empty when nothing was running). */
    List<Execution> cancel(CancelConversationCommand command);
}
