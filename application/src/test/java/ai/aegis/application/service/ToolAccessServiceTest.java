package ai.aegis.application.service;

import static ai.aegis.application.service.ServiceFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.in.AuthorizeToolCallCommand;
import ai.aegis.application.port.in.ResolveVisibleToolsQuery;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.security.ToolDescriptor;
import ai.aegis.domain.security.ToolVisibility;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolAccessServiceTest {

    private final ServiceFixture f = new ServiceFixture();
    private final Identity.ZaruUser free = user("free-user", ZaruTier.FREE);

    private AuditRecord lastAudit() {
        List<AuditRecord> all = f.audit.all();
        return all.get(all.size() - 1);
    }

    @Test
    void resolve_anyIdentityAndMode_sameAsDomainDecision() {
        for (Identity identity : List.of(free, user("pro", ZaruTier.PRO), Identity.operator("ops", AegisRole.READONLY))) {
            for (ConversationMode mode : ConversationMode.values()) {
                assertThat(f.toolAccess.resolve(new ResolveVisibleToolsQuery(identity, mode)))
                        .isEqualTo(ToolVisibility.visibleTools(identity, mode));
            }
        }
    }

    @Test
    void authorize_allowedFirstCall_locksConversationAndAudits() {
        Conversation conversation = f.conversation(free, ConversationMode.AGENTIC);

        ToolDescriptor tool = f.toolAccess.authorize(new AuthorizeToolCallCommand(free, conversation.id(), "aegis.task.execute"));

        assertThat(tool.name()).isEqualTo("aegis.task.execute");
        assertThat(f.conversations.find(free.tenantId(), conversation.id()).orElseThrow().locked()).isTrue();
        assertThat(lastAudit().decision()).isEqualTo(AuditDecision.ALLOWED);
        assertThat(lastAudit().target()).contains("aegis.task.execute");
    }

    @Test
    void authorize_freeWorkflowSignal_refusedWithSameReasonAndAuditedFirst() {
        Conversation conversation = f.conversation(free, ConversationMode.ARCHITECT);

        assertThatThrownBy(() -> f.toolAccess.authorize(new AuthorizeToolCallCommand(free, conversation.id(),
                "aegis.workflow.signal")))
                .isInstanceOf(AccessDeniedException.class)
                .hasFieldOrPropertyWithValue("code", "policy.no_capability")
                .hasMessage("no capability of context zaru-free grants tool aegis.workflow.signal");
        assertThat(lastAudit().decision()).isEqualTo(AuditDecision.DENIED);
        assertThat(lastAudit().reasonCode()).isEqualTo("policy.no_capability");
        assertThat(f.conversations.find(free.tenantId(), conversation.id()).orElseThrow().locked()).isFalse();
    }

    @Test
    void authorize_unknownTool_refusedUnknown() {
        Conversation conversation = f.conversation(free, ConversationMode.AGENTIC);

        assertThatThrownBy(() -> f.toolAccess.authorize(new AuthorizeToolCallCommand(free, conversation.id(), "fs_read")))
                .hasFieldOrPropertyWithValue("code", "tool.unknown");
        assertThat(lastAudit().reasonCode()).isEqualTo("tool.unknown");
    }

    @Test
    void authorize_someoneElsesConversation_notFoundAndAudited() {
        Conversation conversation = f.conversation(free, ConversationMode.AGENTIC);
        Identity.ZaruUser other = user("other", ZaruTier.PRO);

        assertThatThrownBy(() -> f.toolAccess.authorize(new AuthorizeToolCallCommand(other, conversation.id(), "aegis.task.list")))
                .isInstanceOf(NotFoundException.class);
        assertThat(lastAudit().tenantId()).isEqualTo(other.tenantId());
        assertThat(lastAudit().decision()).isEqualTo(AuditDecision.DENIED);
    }

    @Test
    void resolve_withoutConversation_wholeSurfaceOfTheTier() {
        assertThat(f.toolAccess.resolve(ResolveVisibleToolsQuery.withoutConversation(free)))
                .isEqualTo(ToolVisibility.visibleToolsWithoutConversation(free));
    }

    @Test
    void authorize_withoutConversationToolOfTheTier_allowedAndAudited() {
        ToolDescriptor tool = f.toolAccess.authorize(AuthorizeToolCallCommand.withoutConversation(free, "web.search"));

        assertThat(tool.name()).isEqualTo("web.search");
        assertThat(lastAudit().decision()).isEqualTo(AuditDecision.ALLOWED);
    }

    @Test
    void authorize_withoutConversationOperatorTool_refusedAndAudited() {
        assertThatThrownBy(() -> f.toolAccess.authorize(AuthorizeToolCallCommand.withoutConversation(free,
                "aegis.agent.create")))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(lastAudit().decision()).isEqualTo(AuditDecision.DENIED);
        assertThat(lastAudit().target()).contains("aegis.agent.create");
    }
}
