package ai.aegis.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.in.AuthorizeToolCallCommand;
import ai.aegis.application.port.in.OpenConversationCommand;
import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.ZaruTier;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenConversationServiceTest {

    private final ServiceFixture fixture = new ServiceFixture();
    private final OpenConversationService service = new OpenConversationService(fixture.conversations, fixture.audit,
            fixture.clock);
    private final Identity alice = ServiceFixture.user("alice", ZaruTier.PRO);

    private Conversation open(Identity identity, String id, ConversationMode mode) {
        return service.open(new OpenConversationCommand(identity, ConversationId.of(id), Optional.ofNullable(mode)));
    }

    @Test
    void open_unknownIdWithMode_startsItOwnedByTheCallerAndAudits() {
        Conversation started = open(alice, "chat-1", ConversationMode.AGENTIC);

        assertThat(started.mode()).isEqualTo(ConversationMode.AGENTIC);
        assertThat(started.isOwnedBy(alice)).isTrue();
        assertThat(open(alice, "chat-1", null)).isEqualTo(started);
        assertThat(fixture.audit.all()).anyMatch(record -> record.action().equals("conversation.start"));
    }

    @Test
    void open_unknownIdWithoutMode_notFoundSayingToNameAMode() {
        assertThatThrownBy(() -> open(alice, "chat-2", null)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("name a mode");
    }

    @Test
    void open_otherModeBeforeFirstMessage_changesIt() {
        open(alice, "chat-3", ConversationMode.AGENTIC);

        assertThat(open(alice, "chat-3", ConversationMode.EXECUTE).mode()).isEqualTo(ConversationMode.EXECUTE);
    }

    @Test
    void open_otherModeAfterFirstToolCall_refusedAsLocked() {
        open(alice, "chat-4", ConversationMode.AGENTIC);
        fixture.toolAccess.authorize(new AuthorizeToolCallCommand(alice, ConversationId.of("chat-4"), "aegis.tools.list"));

        assertThatThrownBy(() -> open(alice, "chat-4", ConversationMode.ARCHITECT))
                .isInstanceOf(PreconditionFailedException.class)
                .hasFieldOrPropertyWithValue("code", "conversation.mode_locked");
        assertThat(open(alice, "chat-4", ConversationMode.AGENTIC).locked()).isTrue();
    }

    @Test
    void open_anotherOperatorsConversation_readsAsNotFound() {
        Identity first = Identity.operator("ops-1", AegisRole.ADMIN);
        Identity second = Identity.operator("ops-2", AegisRole.ADMIN);
        open(first, "ops-chat", ConversationMode.OPERATOR);

        assertThatThrownBy(() -> open(second, "ops-chat", null)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> open(second, "ops-chat", ConversationMode.OPERATOR)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void open_consumerAsksForOperatorMode_refused() {
        assertThatThrownBy(() -> open(alice, "chat-5", ConversationMode.OPERATOR))
                .isInstanceOf(AccessDeniedException.class)
                .hasFieldOrPropertyWithValue("code", "mode.operator_only");
    }
}
