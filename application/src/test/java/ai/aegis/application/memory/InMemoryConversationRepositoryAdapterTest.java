package ai.aegis.application.memory;

import ai.aegis.application.contract.ConversationRepositoryPortContract;
import ai.aegis.application.port.out.ConversationRepositoryPort;

class InMemoryConversationRepositoryAdapterTest extends ConversationRepositoryPortContract {

    @Override
    protected ConversationRepositoryPort newRepository() {
        return new InMemoryConversationRepositoryAdapter();
    }
}
