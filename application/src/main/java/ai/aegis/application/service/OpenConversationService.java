package ai.aegis.application.service;

import ai.aegis.application.port.in.OpenConversationCommand;
import ai.aegis.application.port.in.OpenConversationUseCase;
import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.ConversationRepositoryPort;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.tenancy.TenantScope;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Conversations named by the client. Reading one's own conversation is not audited (it happens on
 * every request); starting one, changing its mode and every refusal are.
 */
public final class OpenConversationService implements OpenConversationUseCase {

    private final ConversationRepositoryPort conversations;
    private final ClockPort clock;
    private final Auditor auditor;

    public OpenConversationService(ConversationRepositoryPort conversations, AuditLogPort auditLog, ClockPort clock) {
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = new Auditor(Objects.requireNonNull(auditLog, "auditLog"), clock);
    }

    @Override
    public Conversation open(OpenConversationCommand command) {
        Identity identity = command.identity();
        ConversationId id = command.conversationId();
        Optional<String> target = Optional.of(id.value());
        try {
            Optional<Conversation> stored = conversations.find(TenantScope.of(identity), id);
            if (stored.isPresent() && !stored.get().isOwnedBy(identity)) {
                throw notFound(id);
            }
            if (stored.isEmpty()) {
                ConversationMode mode = command.mode().orElseThrow(() -> new NotFoundException("conversation.not_found",
                        "conversation " + id + " was not found; name a mode (Chat, Agentic, Architect, Execute or Operator) "
                                + "to start it"));
                return auditor.run(identity, "conversation.start", Optional.of(mode.displayName().toLowerCase(Locale.ROOT)),
                        () -> start(identity, id, mode));
            }
            Conversation conversation = stored.get();
            if (command.mode().isEmpty() || command.mode().get() == conversation.mode()) {
                return conversation;
            }
            ConversationMode wanted = command.mode().get();
            return auditor.run(identity, "conversation.change_mode", target, () -> {
                Conversation changed = conversation.changeMode(wanted, identity);
                conversations.update(changed);
                return changed;
            });
        } catch (NotFoundException refusal) {
            auditor.record(identity, "conversation.open", target, AuditDecision.DENIED, refusal.code());
            throw refusal;
        }
    }

    private Conversation start(Identity identity, ConversationId id, ConversationMode mode) {
        Conversation conversation = Conversation.start(id, identity, mode, clock.now());
        try {
            conversations.insert(conversation);
            return conversation;
        } catch (AlreadyExistsException raced) {
            // Someone else's conversation with this id, or our own started a moment ago by a parallel request.
            return conversations.find(TenantScope.of(identity), id)
                    .filter(existing -> existing.isOwnedBy(identity) && existing.mode() == mode)
                    .orElseThrow(() -> notFound(id));
        }
    }

    private static DomainException notFound(ConversationId id) {
        return new NotFoundException("conversation.not_found", "conversation " + id + " was not found");
    }
}
