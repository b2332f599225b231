package ai.aegis.application.service;

import ai.aegis.application.memory.InMemoryAuditLogAdapter;
import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.memory.InMemoryConversationRepositoryAdapter;
import ai.aegis.application.memory.InMemoryExecutionEventPublisherAdapter;
import ai.aegis.application.memory.InMemoryExecutionRepositoryAdapter;
import ai.aegis.application.memory.InMemoryIdGeneratorAdapter;
import ai.aegis.application.memory.InMemoryIterationEventRepositoryAdapter;
import ai.aegis.application.memory.InMemoryLimitOverridesAdapter;
import ai.aegis.application.memory.InMemorySealRevocationAdapter;
import ai.aegis.application.port.in.StartConversationCommand;
import ai.aegis.application.port.out.ExecutionRepositoryPort;
import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import java.time.Instant;
import java.util.UUID;

/** The services wired to the in-memory twins. */
final class ServiceFixture {

    static final Instant START = Instant.parse("2026-11-28T12:00:00Z");

    final InMemoryClockAdapter clock = new InMemoryClockAdapter(START);
    final InMemoryIdGeneratorAdapter ids = new InMemoryIdGeneratorAdapter();
    final InMemoryConversationRepositoryAdapter conversations = new InMemoryConversationRepositoryAdapter();
    final InMemoryExecutionRepositoryAdapter executionStore = new InMemoryExecutionRepositoryAdapter();
    final InMemoryIterationEventRepositoryAdapter iterations = new InMemoryIterationEventRepositoryAdapter();
    final InMemoryLimitOverridesAdapter overrides = new InMemoryLimitOverridesAdapter();
    final InMemoryExecutionEventPublisherAdapter publisher = new InMemoryExecutionEventPublisherAdapter();
    final InMemoryAuditLogAdapter audit = new InMemoryAuditLogAdapter();
    final InMemorySealRevocationAdapter sealRevocations = new InMemorySealRevocationAdapter(clock);
    final ai.aegis.application.memory.InMemoryExecutionTaskAdapter tasks =
            new ai.aegis.application.memory.InMemoryExecutionTaskAdapter();
    final ConversationService conversationService;
    final ToolAccessService toolAccess;
    final ExecutionService executions;
    final ExecutionQueryService queries;

    ServiceFixture() {
        this(null);
    }

    ServiceFixture(ExecutionRepositoryPort executionRepository) {
        ExecutionRepositoryPort repository = executionRepository == null ? executionStore : executionRepository;
        conversationService = new ConversationService(conversations, ids, audit, clock);
        toolAccess = new ToolAccessService(conversations, audit, clock);
        executions = new ExecutionService(conversations, repository, iterations, overrides, publisher,
                audit, clock, ids, ai.aegis.domain.execution.ExecutionTree.DEFAULT_MAX_DEPTH, tasks);
        queries = new ExecutionQueryService(repository, iterations, audit, clock);
    }

    /** An execution's iteration history as the person reads it (stored events and the derived final one). */
    java.util.List<ai.aegis.domain.iteration.IterationEvent> history(Identity identity,
            ai.aegis.domain.execution.ExecutionId id) {
        return queries.list(new ai.aegis.application.port.in.ListIterationEventsQuery(identity, id, false));
    }

    static Identity.ZaruUser user(String name, ZaruTier tier) {
        return Identity.zaruUser(ZaruUserId.of(name), TenantId.consumer(UUID.nameUUIDFromBytes(name.getBytes())), tier);
    }

    Conversation conversation(Identity identity, ConversationMode mode) {
        return conversationService.start(new StartConversationCommand(identity, mode));
    }
}
