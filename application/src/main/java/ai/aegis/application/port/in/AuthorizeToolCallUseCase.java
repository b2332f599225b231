package ai.aegis.application.port.in;

import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.security.ToolDescriptor;

/**
 * The enforcement twin of {@link ResolveVisibleToolsUseCase}: decides one tool call with the same
 * rules and reasons, audits the decision, and locks the conversation's mode on its first call.
 */
public interface AuthorizeToolCallUseCase {

    /**
     * @return the tool, when the call is allowed
     * @throws AccessDeniedException with the decision's code and reason when refused (audited)
     * @throws NotFoundException {@code conversation.not_found} for a conversation the caller does not own
     */
    ToolDescriptor authorize(AuthorizeToolCallCommand command);
}
