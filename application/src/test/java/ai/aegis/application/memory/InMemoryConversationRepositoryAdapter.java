package ai.aegis.application.memory;

import ai.aegis.application.port.out.ConversationRepositoryPort;
import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.identity.TenantId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Conversations in a map, tenant-scoped on every read. Thread-safe. */
public final class InMemoryConversationRepositoryAdapter implements ConversationRepositoryPort {

    private final Map<ConversationId, Conversation> byId = new HashMap<>();

    @Override
    public synchronized void insert(Conversation conversation) {
        if (byId.containsKey(conversation.id())) {
            throw new AlreadyExistsException("conversation.exists", "conversation " + conversation.id() + " already exists");
        }
        byId.put(conversation.id(), conversation);
    }

    @Override
    public synchronized Optional<Conversation> find(TenantId tenantId, ConversationId id) {
        return Optional.ofNullable(byId.get(id)).filter(conversation -> conversation.tenantId().equals(tenantId));
    }

    @Override
    public synchronized void update(Conversation conversation) {
        if (find(conversation.tenantId(), conversation.id()).isEmpty()) {
            throw new NotFoundException("conversation.not_found", "conversation " + conversation.id() + " was not found");
        }
        byId.put(conversation.id(), conversation);
    }
}
