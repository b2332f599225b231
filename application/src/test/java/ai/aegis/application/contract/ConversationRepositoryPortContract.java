package ai.aegis.application.contract;

import static ai.aegis.application.contract.ContractFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.out.ConversationRepositoryPort;
import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ConversationRepositoryPort} adapter must do. */
public abstract class ConversationRepositoryPortContract {

    private static final Identity.ZaruUser USER_A = Identity.zaruUser(ZaruUserId.of("user-a"), ContractFixtures.TENANT_A,
            ZaruTier.PRO);

    private ConversationRepositoryPort repository;

    protected abstract ConversationRepositoryPort newRepository();

    @BeforeEach
    void setUpRepository() {
        repository = newRepository();
    }

    @Test
    void insert_thenFind_returnsIt() {
        Conversation conversation = Conversation.start(ConversationId.of("conv-1"), USER_A, ConversationMode.AGENTIC, NOW);
        repository.insert(conversation);

        assertThat(repository.find(ContractFixtures.TENANT_A, conversation.id())).contains(conversation);
    }

    @Test
    void find_otherTenant_readsAsAbsent() {
        repository.insert(Conversation.start(ConversationId.of("conv-1"), USER_A, ConversationMode.AGENTIC, NOW));

        assertThat(repository.find(ContractFixtures.TENANT_B, ConversationId.of("conv-1"))).isEmpty();
    }

    @Test
    void insert_duplicateId_refused() {
        Conversation conversation = Conversation.start(ConversationId.of("conv-1"), USER_A, ConversationMode.AGENTIC, NOW);
        repository.insert(conversation);

        assertThatThrownBy(() -> repository.insert(conversation)).isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void update_lockedConversation_persisted() {
        Conversation conversation = Conversation.start(ConversationId.of("conv-1"), USER_A, ConversationMode.EXECUTE, NOW);
        repository.insert(conversation);

        repository.update(conversation.recordFirstMessage());

        assertThat(repository.find(ContractFixtures.TENANT_A, conversation.id()).orElseThrow().locked()).isTrue();
    }

    @Test
    void update_unknown_notFound() {
        Conversation conversation = Conversation.start(ConversationId.of("conv-9"), USER_A, ConversationMode.EXECUTE, NOW);

        assertThatThrownBy(() -> repository.update(conversation)).isInstanceOf(NotFoundException.class);
    }
}
