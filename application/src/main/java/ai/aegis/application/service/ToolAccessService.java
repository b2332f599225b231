package ai.aegis.application.service;

import ai.aegis.application.port.in.AuthorizeToolCallCommand;
import ai.aegis.application.port.in.AuthorizeToolCallUseCase;
import ai.aegis.application.port.in.ResolveVisibleToolsQuery;
import ai.aegis.application.port.in.ResolveVisibleToolsUseCase;
import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.ConversationRepositoryPort;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.security.PolicyDecision;
import ai.aegis.domain.security.ToolCatalog;
import ai.aegis.domain.security.ToolDescriptor;
import ai.aegis.domain.security.ToolVisibility;
import ai.aegis.domain.tenancy.TenantScope;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Tool listing and tool-call authorisation, both from {@link ToolVisibility} so they never disagree. */
public final class ToolAccessService implements ResolveVisibleToolsUseCase, AuthorizeToolCallUseCase {

    static final String ACTION = "tool.call";

    private final ConversationRepositoryPort conversations;
    private final Auditor auditor;

    public ToolAccessService(ConversationRepositoryPort conversations, AuditLogPort auditLog, ClockPort clock) {
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.auditor = new Auditor(Objects.requireNonNull(auditLog, "auditLog"), Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public List<ToolDescriptor> resolve(ResolveVisibleToolsQuery query) {
        return query.mode().isPresent()
                ? ToolVisibility.visibleTools(query.identity(), query.mode().get())
                : ToolVisibility.visibleToolsWithoutConversation(query.identity());
    }

    @Override
    public ToolDescriptor authorize(AuthorizeToolCallCommand command) {
        Optional<String> target = Optional.of(command.toolName().length() > 200
                ? command.toolName().substring(0, 200) : command.toolName());
        if (command.conversationId().isEmpty()) {
            requireAllowed(command, target,
                    ToolVisibility.decideWithoutConversation(command.identity(), command.toolName()));
        } else {
            ConversationId conversationId = command.conversationId().get();
            Optional<Conversation> found = conversations.find(TenantScope.of(command.identity()), conversationId)
                    .filter(conversation -> conversation.isOwnedBy(command.identity()));
            if (found.isEmpty()) {
                auditor.record(command.identity(), ACTION, target, AuditDecision.DENIED, "conversation.not_found");
                throw new NotFoundException("conversation.not_found", "conversation " + conversationId + " was not found");
            }
            Conversation conversation = found.get();
            requireAllowed(command, target,
                    ToolVisibility.decide(command.identity(), conversation.mode(), command.toolName()));
            if (!conversation.locked()) {
                conversations.update(conversation.recordFirstMessage());
            }
        }
        auditor.record(command.identity(), ACTION, target, AuditDecision.ALLOWED, "policy.allowed");
        return ToolCatalog.find(command.toolName()).orElseThrow();
    }

    private void requireAllowed(AuthorizeToolCallCommand command, Optional<String> target, PolicyDecision decision) {
        if (decision.denied()) {
            auditor.record(command.identity(), ACTION, target, AuditDecision.DENIED, decision.code());
            throw new AccessDeniedException(decision.code(), decision.reason());
        }
    }
}
