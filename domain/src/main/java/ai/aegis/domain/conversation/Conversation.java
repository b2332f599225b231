package ai.aegis.domain.conversation;

import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.tenancy.TenantScope;
import java.time.Instant;
import java.util.Objects;

/**
 * One Zaru conversation (session). It belongs to one tenant and one owner, maps to at most one
 * active root execution at a time, and has a mode that is chosen at creation and locked once the
 * first message (first tool call) is sent.
 *
 * <p>Invariants: {@code OPERATOR} mode only for an operator identity; once {@code locked}, the mode
 * never changes.
 */
public record Conversation(
        ConversationId id, TenantId tenantId, String ownerSubject, ConversationMode mode, boolean locked, Instant createdAt) {

    public Conversation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(createdAt, "createdAt");
        if (ownerSubject == null || ownerSubject.isBlank()) {
            throw new InvalidInputException("conversation.missing_owner", "a conversation needs an owner");
        }
    }

    /**
     * Starts a conversation for {@code owner} in {@code mode}, in the owner's tenant.
     *
     * @throws AccessDeniedException {@code mode.operator_only} when a consumer asks for Operator mode
     */
    public static Conversation start(ConversationId id, Identity owner, ConversationMode mode, Instant now) {
        requireModeAllowed(owner, mode);
        return new Conversation(id, TenantScope.of(owner), owner.subject(), mode, false, now);
    }

    /** The conversation after its first message was sent: the mode is locked from now on. Idempotent. */
    public Conversation recordFirstMessage() {
        return locked ? this : new Conversation(id, tenantId, ownerSubject, mode, true, createdAt);
    }

    /**
     * The conversation in another mode, allowed only before the first message.
     *
     * @throws PreconditionFailedException {@code conversation.mode_locked} once locked
     * @throws AccessDeniedException {@code mode.operator_only} when a consumer asks for Operator mode
     */
    public Conversation changeMode(ConversationMode newMode, Identity caller) {
        if (locked && newMode != mode) {
            throw new PreconditionFailedException("conversation.mode_locked", "the mode of conversation " + id
                    + " is locked to " + mode.displayName() + " because a message was already sent; start a new conversation to use "
                    + newMode.displayName() + " mode");
        }
        requireModeAllowed(caller, newMode);
        return new Conversation(id, tenantId, ownerSubject, newMode, locked, createdAt);
    }

    /** True when {@code identity} owns this conversation (same tenant and same subject). */
    public boolean isOwnedBy(Identity identity) {
        return tenantId.equals(TenantScope.of(identity)) && ownerSubject.equals(identity.subject());
    }

    private static void requireModeAllowed(Identity identity, ConversationMode mode) {
        if (mode.operatorOnly() && !(identity instanceof Identity.Operator)) {
            throw new AccessDeniedException("mode.operator_only", "Operator mode is only available to platform operators; "
                    + "choose Chat, Agentic, Architect or Execute");
        }
    }
}
