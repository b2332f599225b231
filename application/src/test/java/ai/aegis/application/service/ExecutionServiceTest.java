package ai.aegis.application.service;

import static ai.aegis.application.service.ServiceFixture.START;
import static ai.aegis.application.service.ServiceFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.memory.InMemoryExecutionRepositoryAdapter;
import ai.aegis.application.port.in.CancelConversationCommand;
import ai.aegis.application.port.in.CancelExecutionCommand;
import ai.aegis.application.port.in.FinishExecutionCommand;
import ai.aegis.application.port.in.ReportIterationCommand;
import ai.aegis.application.port.in.SpawnChildExecutionCommand;
import ai.aegis.application.port.in.StartRootExecutionCommand;
import ai.aegis.application.port.out.ExecutionRepositoryPort;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionOutcome;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.execution.TreeChange;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.iteration.IterationEventKind;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.security.BuiltInContexts;
import ai.aegis.domain.security.Capability;
import ai.aegis.domain.security.SecurityContext;
import ai.aegis.domain.security.SecurityContextName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ExecutionServiceTest {

    private final ServiceFixture f = new ServiceFixture();
    private final Identity.ZaruUser pro = user("pro-user", ZaruTier.PRO);
    private final Identity.ZaruUser free = user("free-user", ZaruTier.FREE);

    private Execution startRoot(Identity identity) {
        Conversation conversation = f.conversation(identity, ConversationMode.AGENTIC);
        return f.executions.start(new StartRootExecutionCommand(identity, conversation.id()));
    }

    private Execution spawn(Identity identity, ExecutionId parent) {
        return f.executions.spawn(SpawnChildExecutionCommand.inheriting(identity, parent));
    }

    private AuditRecord lastAudit() {
        List<AuditRecord> all = f.audit.all();
        return all.get(all.size() - 1);
    }

    @Test
    void start_proUserInAgenticMode_pendingRootUnderAgentRuntimeWithProBudget() {
        Conversation conversation = f.conversation(pro, ConversationMode.AGENTIC);

        Execution root = f.executions.start(new StartRootExecutionCommand(pro, conversation.id()));

        assertThat(root.status()).isEqualTo(ExecutionStatus.PENDING);
        assertThat(root.securityContext()).isEqualTo(BuiltInContexts.AGENT_RUNTIME);
        assertThat(root.deadline()).isEqualTo(START.plus(Duration.ofMinutes(30)));
        assertThat(root.maxIterations()).isEqualTo(10);
        assertThat(root.memoryBytes()).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(root.tenantId()).isEqualTo(pro.tenantId());
        assertThat(f.publisher.statusChanges()).extracting(ExecutionStatusChange::to).containsExactly(ExecutionStatus.PENDING);
        assertThat(f.conversations.find(pro.tenantId(), conversation.id()).orElseThrow().locked()).isTrue();
        assertThat(lastAudit().decision()).isEqualTo(AuditDecision.ALLOWED);
        assertThat(lastAudit().action()).isEqualTo("execution.start_root");
    }

    @Test
    void start_secondRootInSameConversation_refusedAndAudited() {
        Conversation conversation = f.conversation(pro, ConversationMode.AGENTIC);
        f.executions.start(new StartRootExecutionCommand(pro, conversation.id()));

        assertThatThrownBy(() -> f.executions.start(new StartRootExecutionCommand(pro, conversation.id())))
                .isInstanceOf(AlreadyExistsException.class)
                .hasFieldOrPropertyWithValue("code", "execution.root_active");
        assertThat(lastAudit().decision()).isEqualTo(AuditDecision.DENIED);
        assertThat(lastAudit().reasonCode()).isEqualTo("execution.root_active");
    }

    @Test
    void start_chatMode_refused() {
        Conversation chat = f.conversation(pro, ConversationMode.CHAT);

        assertThatThrownBy(() -> f.executions.start(new StartRootExecutionCommand(pro, chat.id())))
                .isInstanceOf(AccessDeniedException.class)
                .hasFieldOrPropertyWithValue("code", "mode.no_executions");
        assertThat(lastAudit().reasonCode()).isEqualTo("mode.no_executions");
    }

    @Test
    void start_freeUserWithOneActiveExecutionElsewhere_refusedSwarmWide() {
        startRoot(free);
        Conversation other = f.conversation(free, ConversationMode.EXECUTE);

        assertThatThrownBy(() -> f.executions.start(new StartRootExecutionCommand(free, other.id())))
                .isInstanceOf(LimitExceededException.class)
                .hasFieldOrPropertyWithValue("code", "limit.concurrent_executions");
        assertThat(lastAudit().reasonCode()).isEqualTo("limit.concurrent_executions");
    }

    @Test
    void spawn_freeUserAtConcurrencyLimit_refusedBecauseChildrenCount() {
        Execution root = startRoot(free);

        assertThatThrownBy(() -> spawn(free, root.id())).isInstanceOf(LimitExceededException.class);
    }

    @Test
    void start_userOverrideRaisesConcurrency_userWinsOverTenant() {
        f.overrides.setTenant(free.tenantId(), LimitOverrides.none().withMaxConcurrentExecutions(CountLimit.of(1)));
        f.overrides.setUser(free.tenantId(), free.subject(), LimitOverrides.none().withMaxConcurrentExecutions(CountLimit.of(2)));
        Execution root = startRoot(free);

        assertThat(spawn(free, root.id()).depth()).isEqualTo(1);
    }

    @Test
    void start_unknownOrForeignConversation_notFound() {
        Conversation mine = f.conversation(pro, ConversationMode.AGENTIC);

        assertThatThrownBy(() -> f.executions.start(new StartRootExecutionCommand(free, mine.id())))
                .isInstanceOf(NotFoundException.class)
                .hasFieldOrPropertyWithValue("code", "conversation.not_found");
        assertThatThrownBy(() -> f.executions.start(new StartRootExecutionCommand(pro, ConversationId.of("nope"))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void spawn_inheritingEverything_childAtDepthOneWithParentBudget() {
        Execution root = startRoot(pro);

        Execution child = spawn(pro, root.id());

        assertThat(child.parentId()).contains(root.id());
        assertThat(child.securityContext()).isEqualTo(root.securityContext());
        assertThat(child.deadline()).isEqualTo(root.deadline());
        assertThat(f.publisher.iterationEvents()).extracting(IterationEvent::kind).contains(IterationEventKind.CHILD_SPAWNED);
    }

    @Test
    void spawn_broaderContext_refusedNamingToolsAndAudited() {
        Execution root = startRoot(pro);
        SecurityContext broader = SecurityContext.of(SecurityContextName.of("aegis-system-wide"),
                List.of(Capability.of("*")), List.of());

        assertThatThrownBy(() -> f.executions.spawn(new SpawnChildExecutionCommand(pro, root.id(), Optional.of(broader),
                Optional.empty(), OptionalLong.empty(), OptionalInt.empty())))
                .isInstanceOf(AccessDeniedException.class)
                .hasFieldOrPropertyWithValue("code", "ceiling.tools");
        assertThat(lastAudit().reasonCode()).isEqualTo("ceiling.tools");
        assertThat(lastAudit().target()).contains(root.id().value());
    }

    @Test
    void spawn_moreIterationsOrLaterDeadline_refusedNamingDimension() {
        Execution root = startRoot(pro);

        assertThatThrownBy(() -> f.executions.spawn(new SpawnChildExecutionCommand(pro, root.id(), Optional.empty(),
                Optional.empty(), OptionalLong.empty(), OptionalInt.of(11))))
                .hasFieldOrPropertyWithValue("code", "ceiling.iterations");
        assertThatThrownBy(() -> f.executions.spawn(new SpawnChildExecutionCommand(pro, root.id(), Optional.empty(),
                Optional.of(root.deadline().plusSeconds(1)), OptionalLong.empty(), OptionalInt.empty())))
                .hasFieldOrPropertyWithValue("code", "ceiling.deadline");
    }

    @Test
    void spawn_otherTenantsExecution_readsAsNotFound() {
        Execution root = startRoot(pro);
        Identity.ZaruUser intruder = user("intruder", ZaruTier.ENTERPRISE);

        assertThatThrownBy(() -> spawn(intruder, root.id())).isInstanceOf(NotFoundException.class)
                .hasFieldOrPropertyWithValue("code", "execution.not_found")
                .hasMessage("execution " + root.id() + " was not found");
        assertThat(lastAudit().tenantId()).isEqualTo(intruder.tenantId());
        assertThat(lastAudit().decision()).isEqualTo(AuditDecision.DENIED);
    }

    @Test
    void cancel_otherTenantsExecution_notFoundAndNothingChanges() {
        Execution root = startRoot(pro);

        assertThatThrownBy(() -> f.executions.cancel(new CancelExecutionCommand(user("intruder", ZaruTier.PRO), root.id())))
                .isInstanceOf(NotFoundException.class);
        assertThat(f.executionStore.countActive(pro.tenantId())).isEqualTo(1);
    }

    @Test
    void cancelConversation_cascadesThroughWholeSwarmAndTellsEveryone() {
        Conversation conversation = f.conversation(pro, ConversationMode.AGENTIC);
        Execution root = f.executions.start(new StartRootExecutionCommand(pro, conversation.id()));
        Execution child = spawn(pro, root.id());
        Execution grandchild = spawn(pro, child.id());

        List<Execution> cancelled = f.executions.cancel(new CancelConversationCommand(pro, conversation.id()));

        assertThat(cancelled).extracting(Execution::id).containsExactly(root.id(), child.id(), grandchild.id());
        assertThat(cancelled).allMatch(e -> e.status() == ExecutionStatus.CANCELLED);
        assertThat(f.executionStore.countActive(pro.tenantId())).isZero();
        assertThat(f.publisher.statusChanges()).filteredOn(c -> c.to() == ExecutionStatus.CANCELLED)
                .extracting(ExecutionStatusChange::executionId).containsExactly(root.id(), child.id(), grandchild.id());
        assertThat(f.history(pro, grandchild.id())).extracting(IterationEvent::sentence)
                .containsExactly("The run was cancelled before it started.");
        assertThat(f.iterations.listByExecution(pro.tenantId(), grandchild.id()))
                .as("the cancellation is the member's status, not a stored row").isEmpty();
    }

    @Test
    void cancelConversation_nothingRunning_returnsEmpty() {
        Conversation conversation = f.conversation(pro, ConversationMode.AGENTIC);

        assertThat(f.executions.cancel(new CancelConversationCommand(pro, conversation.id()))).isEmpty();
    }

    @Test
    void cancel_subtree_returnsExactlyItAndItsActiveDescendants() {
        Execution root = startRoot(pro);
        Execution a = spawn(pro, root.id());
        Execution b = spawn(pro, root.id());
        Execution a1 = spawn(pro, a.id());

        List<Execution> cancelled = f.executions.cancel(new CancelExecutionCommand(pro, a.id()));

        assertThat(cancelled).extracting(Execution::id).containsExactly(a.id(), a1.id());
        assertThat(f.executionStore.loadTree(pro.tenantId(), b.id(), 3).orElseThrow().get(b.id()).isActive()).isTrue();
    }

    @Test
    void report_attemptStarted_startsExecutionCountsIterationAndPublishesSentence() {
        Execution root = startRoot(pro);

        IterationEvent event = f.executions.report(new ReportIterationCommand(pro, root.id(),
                IterationEventKind.ATTEMPT_STARTED, Optional.empty()));

        assertThat(event.iteration()).isEqualTo(1);
        assertThat(event.sentence()).isEqualTo("Attempt 1 of 10: the agent is working on it.");
        assertThat(f.publisher.statusChanges()).extracting(ExecutionStatusChange::to)
                .containsExactly(ExecutionStatus.PENDING, ExecutionStatus.RUNNING);
        assertThat(f.publisher.iterationEvents()).contains(event);
    }

    @Test
    void report_validationFailedWithInternals_sentenceSanitised() {
        Execution root = startRoot(pro);
        f.executions.report(new ReportIterationCommand(pro, root.id(), IterationEventKind.ATTEMPT_STARTED, Optional.empty()));

        IterationEvent event = f.executions.report(new ReportIterationCommand(pro, root.id(),
                IterationEventKind.VALIDATION_FAILED, Optional.of("the import\n\tat com.acme.Runner.run(Runner.java:3)")));

        assertThat(event.sentence()).isEqualTo("Attempt 1 of 10: the tests failed, so the agent is fixing the import and trying again.");
    }

    @Test
    void report_pastIterationCap_refusedAndAudited() {
        f.overrides.setUser(pro.tenantId(), pro.subject(), LimitOverrides.none().withMaxIterations(1));
        Execution root = startRoot(pro);
        ReportIterationCommand attempt = new ReportIterationCommand(pro, root.id(), IterationEventKind.ATTEMPT_STARTED,
                Optional.empty());
        f.executions.report(attempt);

        assertThatThrownBy(() -> f.executions.report(attempt)).isInstanceOf(LimitExceededException.class)
                .hasFieldOrPropertyWithValue("code", "execution.iterations_exhausted");
        assertThat(lastAudit().reasonCode()).isEqualTo("execution.iterations_exhausted");
    }

    @Test
    void report_finalKind_refused() {
        Execution root = startRoot(pro);

        assertThatThrownBy(() -> f.executions.report(new ReportIterationCommand(pro, root.id(), IterationEventKind.COMPLETED,
                Optional.empty()))).isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("code", "iteration.kind_not_reportable");
    }

    @Test
    void finish_completedParent_cancelsActiveChildrenAndSaysDone() {
        Execution root = startRoot(pro);
        f.executions.report(new ReportIterationCommand(pro, root.id(), IterationEventKind.ATTEMPT_STARTED, Optional.empty()));
        Execution child = spawn(pro, root.id());

        List<Execution> changed = f.executions.finish(new FinishExecutionCommand(pro, root.id(), ExecutionOutcome.COMPLETED,
                Optional.empty()));

        assertThat(changed).extracting(Execution::id, Execution::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(root.id(), ExecutionStatus.COMPLETED),
                org.assertj.core.groups.Tuple.tuple(child.id(), ExecutionStatus.CANCELLED));
        assertThat(f.iterations.listByExecution(pro.tenantId(), root.id())).extracting(IterationEvent::sentence)
                .contains("Done after 1 attempt.");
    }

    @Test
    void finish_terminalExecution_refusedAsIllegalTransition() {
        Execution root = startRoot(pro);
        f.executions.cancel(new CancelExecutionCommand(pro, root.id()));

        assertThatThrownBy(() -> f.executions.finish(new FinishExecutionCommand(pro, root.id(), ExecutionOutcome.FAILED,
                Optional.empty()))).hasFieldOrPropertyWithValue("code", "execution.illegal_transition");
    }

    @Test
    void cancel_readonlyOperator_refusedRoleTooLow() {
        Identity.Operator readonly = Identity.operator("ops-ro", AegisRole.READONLY);

        assertThatThrownBy(() -> f.executions.cancel(new CancelExecutionCommand(readonly, ExecutionId.of("exec-1"))))
                .isInstanceOf(AccessDeniedException.class)
                .hasFieldOrPropertyWithValue("code", "role.too_low");
        assertThat(lastAudit().actorSubject()).isEqualTo("ops-ro");
    }

    @Test
    void start_operatorInOperatorMode_runsInSystemTenantWithEnterpriseBudget() {
        Identity.Operator operator = Identity.operator("ops-1", AegisRole.OPERATOR);
        Conversation conversation = f.conversation(operator, ConversationMode.OPERATOR);

        Execution root = f.executions.start(new StartRootExecutionCommand(operator, conversation.id()));

        assertThat(root.tenantId()).isEqualTo(TenantId.of("aegis-system"));
        assertThat(root.deadline()).isEqualTo(START.plus(Duration.ofHours(24)));
    }

    @Test
    void finish_concurrentChangeWonFirst_recomputedOnFreshReadAndCancelsNewChildToo() {
        Raced race = racedRunningRoot();
        ServiceFixture raced = race.fixture();
        InMemoryExecutionRepositoryAdapter store = race.store();
        Execution root = race.root();

        List<Execution> ended = raced.executions.finish(new FinishExecutionCommand(pro, root.id(),
                ExecutionOutcome.COMPLETED, Optional.empty()));

        assertThat(ended).extracting(Execution::id).containsExactly(root.id(), ExecutionId.of("sneaky-child"));
        assertThat(ended.get(0).iterationCount()).isEqualTo(2);
        assertThat(store.countActive(pro.tenantId())).isZero();
    }

    @Test
    void spawn_parentChangedBeforeTheChildWasStored_recomputedOnAFreshReadOfTheParent() {
        Raced race = racedRunningRoot();
        ServiceFixture raced = race.fixture();
        InMemoryExecutionRepositoryAdapter store = race.store();
        Execution root = race.root();

        Execution child = raced.executions.spawn(new SpawnChildExecutionCommand(pro, root.id(), Optional.empty(),
                Optional.empty(), OptionalLong.empty(), OptionalInt.empty()));

        assertThat(store.find(pro.tenantId(), child.id())).contains(child);
        assertThat(store.find(pro.tenantId(), root.id()).orElseThrow().iterationCount()).isEqualTo(2);
        assertThat(raced.publisher.iterationEvents()).last().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(IterationEventKind.CHILD_SPAWNED);
            assertThat(event.iteration()).isEqualTo(2);
        });
    }

    @Test
    void reportAttemptStarted_executionChangedBeforeItWasStored_recomputedOnAFreshReadNothingLost() {
        Raced race = racedRunningRoot();
        ServiceFixture raced = race.fixture();
        InMemoryExecutionRepositoryAdapter store = race.store();
        Execution root = race.root();

        IterationEvent event = raced.executions.report(new ReportIterationCommand(pro, root.id(),
                IterationEventKind.ATTEMPT_STARTED, Optional.empty()));

        assertThat(event.iteration()).isEqualTo(3);
        assertThat(store.find(pro.tenantId(), root.id()).orElseThrow().iterationCount()).isEqualTo(3);
    }

    private record Raced(ServiceFixture fixture, InMemoryExecutionRepositoryAdapter store, Execution root) {
    }

    /** A Running root with one attempt counted, over a repository that interferes with the next change once. */
    private Raced racedRunningRoot() {
        AtomicBoolean interfere = new AtomicBoolean(false);
        InMemoryExecutionRepositoryAdapter store = new InMemoryExecutionRepositoryAdapter();
        ServiceFixture raced = new ServiceFixture(new RacingRepository(store, interfere));
        Conversation conversation = raced.conversation(pro, ConversationMode.AGENTIC);
        Execution root = raced.executions.start(new StartRootExecutionCommand(pro, conversation.id()));
        raced.executions.report(new ReportIterationCommand(pro, root.id(), IterationEventKind.ATTEMPT_STARTED,
                Optional.empty()));
        interfere.set(true);
        return new Raced(raced, store, root);
    }

    /**
     * Before the first finish is stored, another writer spawns a child and counts an iteration of
     * the root, so the first attempt must fail as concurrent and be recomputed.
     */
    private static final class RacingRepository implements ExecutionRepositoryPort {

        private final InMemoryExecutionRepositoryAdapter store;
        private final AtomicBoolean interfere;

        RacingRepository(InMemoryExecutionRepositoryAdapter store, AtomicBoolean interfere) {
            this.store = store;
            this.interfere = interfere;
        }

        @Override
        public void insertRoot(Execution root, CountLimit maxActive) {
            store.insertRoot(root, maxActive);
        }

        @Override
        public Optional<Execution> findActiveRoot(TenantId tenantId, ConversationId conversationId) {
            return store.findActiveRoot(tenantId, conversationId);
        }

        @Override
        public Optional<ExecutionTree> loadTree(TenantId tenantId, ExecutionId memberId, int maxDepth) {
            return store.loadTree(tenantId, memberId, maxDepth);
        }

        @Override
        public Optional<Execution> find(TenantId tenantId, ExecutionId id) {
            return store.find(tenantId, id);
        }

        @Override
        public void saveChanges(TenantId tenantId, ExecutionTree before, List<Execution> changed, CountLimit maxActive) {
            store.saveChanges(tenantId, before, changed, maxActive);
        }

        @Override
        public List<Transition> cancelSubtree(TenantId tenantId, ExecutionId id, java.time.Instant now) {
            return store.cancelSubtree(tenantId, id, now);
        }

        @Override
        public void insertChild(TenantId tenantId, Execution parent, Execution child, CountLimit maxActive) {
            if (interfere.getAndSet(false)) {
                countAnotherIteration(tenantId, parent.id());
            }
            store.insertChild(tenantId, parent, child, maxActive);
        }

        @Override
        public void replaceActive(TenantId tenantId, Execution current, Execution changed) {
            if (interfere.getAndSet(false)) {
                countAnotherIteration(tenantId, current.id());
            }
            store.replaceActive(tenantId, current, changed);
        }

        private void countAnotherIteration(TenantId tenantId, ExecutionId id) {
            Execution stored = store.find(tenantId, id).orElseThrow();
            store.replaceActive(tenantId, stored, stored.withNextIteration(START));
        }

        @Override
        public List<Transition> finishAndCancelDescendants(TenantId tenantId, Execution current, Execution ended) {
            if (interfere.getAndSet(false)) {
                ExecutionTree tree = store.loadTree(tenantId, current.id(), 3).orElseThrow();
                Execution root = tree.root();
                TreeChange sneaky = tree.spawnChild(root.id(), root.securityContext(), root.deadline(),
                        root.memoryBytes(), root.maxIterations(), START, ExecutionId.of("sneaky-child"));
                store.saveChanges(tenantId, tree, sneaky.changed());
                TreeChange counted = sneaky.tree().recordIteration(root.id(), START);
                store.saveChanges(tenantId, sneaky.tree(), counted.changed());
            }
            return store.finishAndCancelDescendants(tenantId, current, ended);
        }

        @Override
        public long countActive(TenantId tenantId) {
            return store.countActive(tenantId);
        }

        @Override
        public List<Execution> findOverdue(java.time.Instant now, int limit) {
            return store.findOverdue(now, limit);
        }

        @Override
        public List<Execution> list(TenantId tenantId, ai.aegis.application.port.out.ExecutionListFilter filter, int limit) {
            return store.list(tenantId, filter, limit);
        }

        @Override
        public List<Execution> listAcrossTenants(ai.aegis.application.port.out.ExecutionListFilter filter, int limit) {
            return store.listAcrossTenants(filter, limit);
        }

        @Override
        public Optional<Execution> findInAnyTenant(ExecutionId id) {
            return store.findInAnyTenant(id);
        }
    }
}
