package ai.aegis.application.port.in;

import ai.aegis.domain.conversation.Conversation;

/** Starts a conversation in the caller's tenant; Operator mode only for operators (refusal audited). */
public interface StartConversationUseCase {

    Conversation start(StartConversationCommand command);
}
