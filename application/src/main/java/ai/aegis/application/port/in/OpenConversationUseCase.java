package ai.aegis.application.port.in;

import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;

/**
 * Opens a conversation the client names by id: the caller's own conversation with that id, or,
 * when there is none and a mode is given, a new one owned by the caller in that mode. A different
 * mode is accepted only until the first message is sent.
 */
public interface OpenConversationUseCase {

    /**
     * @throws NotFoundException {@code conversation.not_found} when the id is unknown and no mode was
     *     given, or belongs to someone else (which reads exactly like an unknown id)
     * @throws PreconditionFailedException {@code conversation.mode_locked} for another mode after the first message
     * @throws AccessDeniedException {@code mode.operator_only} when a consumer asks for Operator mode
     */
    Conversation open(OpenConversationCommand command);
}
