package ai.aegis.application.service;

import ai.aegis.application.port.in.StartConversationCommand;
import ai.aegis.application.port.in.StartConversationUseCase;
import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.ConversationRepositoryPort;
import ai.aegis.application.port.out.IdGeneratorPort;
import ai.aegis.domain.conversation.Conversation;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Starts conversations in the caller's own tenant. */
public final class ConversationService implements StartConversationUseCase {

    private final ConversationRepositoryPort conversations;
    private final IdGeneratorPort ids;
    private final ClockPort clock;
    private final Auditor auditor;

    public ConversationService(ConversationRepositoryPort conversations, IdGeneratorPort ids, AuditLogPort auditLog,
            ClockPort clock) {
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = new Auditor(Objects.requireNonNull(auditLog, "auditLog"), clock);
    }

    @Override
    public Conversation start(StartConversationCommand command) {
        Optional<String> target = Optional.of(command.mode().displayName().toLowerCase(Locale.ROOT));
        return auditor.run(command.identity(), "conversation.start", target, () -> {
            Conversation conversation = Conversation.start(ids.newConversationId(), command.identity(), command.mode(),
                    clock.now());
            conversations.insert(conversation);
            return conversation;
        });
    }
}
