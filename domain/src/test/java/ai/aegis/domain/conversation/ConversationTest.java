package ai.aegis.domain.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.tenancy.TenantScope;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConversationTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final TenantId TENANT = TenantId.consumer(UUID.fromString("00000000-0000-4000-8000-000000000001"));
    private static final Identity.ZaruUser USER = Identity.zaruUser(ZaruUserId.of("user-1"), TENANT, ZaruTier.PRO);
    private static final Identity.Operator OPERATOR = Identity.operator("ops-1", AegisRole.OPERATOR);
    private static final ConversationId ID = ConversationId.of("conv-1");

    @Test
    void start_consumer_inOwnTenantUnlocked() {
        Conversation conversation = Conversation.start(ID, USER, ConversationMode.AGENTIC, NOW);

        assertThat(conversation.tenantId()).isEqualTo(TENANT);
        assertThat(conversation.ownerSubject()).isEqualTo("user-1");
        assertThat(conversation.locked()).isFalse();
        assertThat(conversation.isOwnedBy(USER)).isTrue();
    }

    @Test
    void start_consumerInOperatorMode_refused() {
        assertThatThrownBy(() -> Conversation.start(ID, USER, ConversationMode.OPERATOR, NOW))
                .isInstanceOf(AccessDeniedException.class)
                .hasFieldOrPropertyWithValue("code", "mode.operator_only");
    }

    @Test
    void start_operatorInOperatorMode_inSystemTenant() {
        Conversation conversation = Conversation.start(ID, OPERATOR, ConversationMode.OPERATOR, NOW);

        assertThat(conversation.tenantId()).isEqualTo(TenantScope.SYSTEM);
        assertThat(conversation.isOwnedBy(USER)).isFalse();
    }

    @Test
    void changeMode_beforeFirstMessage_allowed() {
        Conversation conversation = Conversation.start(ID, USER, ConversationMode.CHAT, NOW);

        assertThat(conversation.changeMode(ConversationMode.EXECUTE, USER).mode()).isEqualTo(ConversationMode.EXECUTE);
    }

    @Test
    void changeMode_afterFirstMessage_refusedAsLocked() {
        Conversation locked = Conversation.start(ID, USER, ConversationMode.CHAT, NOW).recordFirstMessage();

        assertThatThrownBy(() -> locked.changeMode(ConversationMode.AGENTIC, USER))
                .isInstanceOf(PreconditionFailedException.class)
                .hasFieldOrPropertyWithValue("code", "conversation.mode_locked")
                .hasMessageContaining("locked to Chat");
    }

    @Test
    void changeMode_consumerToOperatorBeforeLock_refused() {
        Conversation conversation = Conversation.start(ID, USER, ConversationMode.CHAT, NOW);

        assertThatThrownBy(() -> conversation.changeMode(ConversationMode.OPERATOR, USER))
                .hasFieldOrPropertyWithValue("code", "mode.operator_only");
    }

    @Test
    void recordFirstMessage_twice_staysLockedAndIdempotent() {
        Conversation once = Conversation.start(ID, USER, ConversationMode.AGENTIC, NOW).recordFirstMessage();

        assertThat(once.locked()).isTrue();
        assertThat(once.recordFirstMessage()).isEqualTo(once);
    }

    @ParameterizedTest
    @EnumSource(ConversationMode.class)
    void parse_anyCase_roundTrips(ConversationMode mode) {
        assertThat(ConversationMode.parse(mode.displayName().toLowerCase())).isEqualTo(mode);
    }

    @Test
    void parse_unknown_refused() {
        assertThatThrownBy(() -> ConversationMode.parse("debug")).isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("code", "conversation.unknown_mode");
    }

    @Test
    void conversationId_invalid_refused() {
        assertThatThrownBy(() -> ConversationId.of("a b")).isInstanceOf(InvalidInputException.class);
    }
}
