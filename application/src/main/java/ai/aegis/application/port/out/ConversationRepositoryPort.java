package ai.aegis.application.port.out;

import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.identity.TenantId;
import java.util.Optional;

/**
 * Stored conversations. Every read is scoped to a tenant: a conversation of another tenant reads as
 * absent, exactly like one that does not exist.
 */
public interface ConversationRepositoryPort {

    /**
     * Stores a new conversation.
     *
     * @throws AlreadyExistsException {@code conversation.exists} when the id is taken
     */
    void insert(Conversation conversation);

    /** The conversation with that id in that tenant, if any. */
    Optional<Conversation> find(TenantId tenantId, ConversationId id);

    /**
     * Replaces a stored conversation (same tenant and id).
     *
     * @throws NotFoundException {@code conversation.not_found} when it is not stored in that tenant
     */
    void update(Conversation conversation);
}
