package ai.aegis.application.service;

import static ai.aegis.application.service.ServiceFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.in.StartConversationCommand;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.ZaruTier;
import org.junit.jupiter.api.Test;

class ConversationServiceTest {

    private final ServiceFixture f = new ServiceFixture();

    @Test
    void start_consumer_storedInOwnTenantUnlocked() {
        Identity.ZaruUser pro = user("pro", ZaruTier.PRO);

        Conversation conversation = f.conversationService.start(new StartConversationCommand(pro, ConversationMode.EXECUTE));

        assertThat(f.conversations.find(pro.tenantId(), conversation.id())).contains(conversation);
        assertThat(conversation.locked()).isFalse();
        assertThat(conversation.createdAt()).isEqualTo(ServiceFixture.START);
    }

    @Test
    void start_consumerInOperatorMode_refusedAndAudited() {
        Identity.ZaruUser enterprise = user("ent", ZaruTier.ENTERPRISE);

        assertThatThrownBy(() -> f.conversationService.start(new StartConversationCommand(enterprise, ConversationMode.OPERATOR)))
                .isInstanceOf(AccessDeniedException.class)
                .hasFieldOrPropertyWithValue("code", "mode.operator_only");
        assertThat(f.audit.all()).singleElement().satisfies(record -> {
            assertThat(record.decision()).isEqualTo(AuditDecision.DENIED);
            assertThat(record.reasonCode()).isEqualTo("mode.operator_only");
            assertThat(record.tenantId()).isEqualTo(enterprise.tenantId());
        });
    }

    @Test
    void start_operatorInOperatorMode_allowed() {
        Conversation conversation = f.conversationService.start(new StartConversationCommand(
                Identity.operator("ops", AegisRole.READONLY), ConversationMode.OPERATOR));

        assertThat(conversation.mode()).isEqualTo(ConversationMode.OPERATOR);
    }
}
