package ai.aegis.application.service;

import static ai.aegis.application.service.ServiceFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.in.GetExecutionQuery;
import ai.aegis.application.port.in.ListExecutionsQuery;
import ai.aegis.application.port.in.ListIterationEventsQuery;
import ai.aegis.application.port.in.ReportIterationCommand;
import ai.aegis.application.port.in.SpawnChildExecutionCommand;
import ai.aegis.application.port.in.StartRootExecutionCommand;
import ai.aegis.application.port.out.ExecutionListFilter;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.iteration.IterationEventKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecutionQueryServiceTest {

    private final ServiceFixture f = new ServiceFixture();
    private final ExecutionQueryService queries = new ExecutionQueryService(f.executionStore, f.iterations, f.audit, f.clock);
    private final Identity.ZaruUser alice = user("alice", ZaruTier.PRO);
    private final Identity.ZaruUser bob = user("bob", ZaruTier.PRO);
    private final Identity readonly = Identity.operator("ops-reader", AegisRole.READONLY);

    private Execution startRoot(Identity identity) {
        return f.executions.start(new StartRootExecutionCommand(identity,
                f.conversation(identity, ConversationMode.AGENTIC).id()));
    }

    private AuditRecord lastAudit() {
        List<AuditRecord> all = f.audit.all();
        return all.get(all.size() - 1);
    }

    @Test
    void get_ownExecution_returnsIt() {
        Execution root = startRoot(alice);

        assertThat(queries.get(new GetExecutionQuery(alice, root.id()))).isEqualTo(root);
    }

    @Test
    void get_anotherUsersExecution_notFoundAndAudited() {
        Execution root = startRoot(alice);

        assertThatThrownBy(() -> queries.get(new GetExecutionQuery(bob, root.id())))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("was not found");
        assertThat(lastAudit().decision()).isEqualTo(AuditDecision.DENIED);
        assertThat(lastAudit().actorSubject()).isEqualTo(bob.subject());
        assertThat(lastAudit().reasonCode()).isEqualTo("execution.not_found");
    }

    @Test
    void get_readonlyOperator_readsAnyTenantAndIsAudited() {
        Execution root = startRoot(alice);

        assertThat(queries.get(new GetExecutionQuery(readonly, root.id()))).isEqualTo(root);
        assertThat(lastAudit().action()).isEqualTo("operator.execution.get");
        assertThat(lastAudit().decision()).isEqualTo(AuditDecision.ALLOWED);
    }

    @Test
    void tree_fromAChild_wholeTree() {
        Execution root = startRoot(alice);
        Execution child = f.executions.spawn(SpawnChildExecutionCommand.inheriting(alice, root.id()));

        assertThat(queries.tree(new GetExecutionQuery(alice, child.id())).root().id()).isEqualTo(root.id());
        assertThat(queries.tree(new GetExecutionQuery(alice, child.id())).executions()).hasSize(2);
    }

    @Test
    void list_consumer_onlyOwnExecutions() {
        Execution mine = startRoot(alice);
        startRoot(bob);

        assertThat(queries.list(ListExecutionsQuery.own(alice, ExecutionListFilter.all(), 10)))
                .extracting(Execution::id).containsExactly(mine.id());
    }

    @Test
    void list_consumerNamingAnotherTenant_refusedAndAudited() {
        assertThatThrownBy(() -> queries.list(new ListExecutionsQuery(alice, ExecutionListFilter.all(), 10,
                Optional.of(bob.tenantId()))))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(lastAudit().reasonCode()).isEqualTo("tenant.not_yours");
    }

    @Test
    void list_operatorWithoutTenant_everyTenant() {
        startRoot(alice);
        startRoot(bob);

        assertThat(queries.list(ListExecutionsQuery.own(readonly, ExecutionListFilter.all(), 10))).hasSize(2);
        assertThat(lastAudit().action()).isEqualTo("operator.execution.list");
    }

    @Test
    void logs_withDescendants_sentencesOfTheSubtreeInOrder() {
        Execution root = startRoot(alice);
        f.executions.report(new ReportIterationCommand(alice, root.id(), IterationEventKind.ATTEMPT_STARTED, Optional.empty()));
        f.clock.advance(java.time.Duration.ofSeconds(1));
        Execution child = f.executions.spawn(SpawnChildExecutionCommand.inheriting(alice, root.id()));
        f.clock.advance(java.time.Duration.ofSeconds(1));
        f.executions.report(new ReportIterationCommand(alice, child.id(), IterationEventKind.ATTEMPT_STARTED, Optional.empty()));

        List<IterationEvent> own = queries.list(new ListIterationEventsQuery(alice, root.id(), false));
        List<IterationEvent> all = queries.list(new ListIterationEventsQuery(alice, root.id(), true));

        assertThat(own).extracting(IterationEvent::executionId).containsOnly(root.id());
        assertThat(all).extracting(IterationEvent::executionId).containsExactly(root.id(), root.id(), child.id());
        assertThat(all).extracting(IterationEvent::kind).containsExactly(IterationEventKind.ATTEMPT_STARTED,
                IterationEventKind.CHILD_SPAWNED, IterationEventKind.ATTEMPT_STARTED);
    }

    @Test
    void logs_anotherUsersExecution_notFound() {
        Execution root = startRoot(alice);

        assertThatThrownBy(() -> queries.list(new ListIterationEventsQuery(bob, root.id(), true)))
                .isInstanceOf(NotFoundException.class);
    }
}
