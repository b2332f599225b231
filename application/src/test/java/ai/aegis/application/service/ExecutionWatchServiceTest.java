package ai.aegis.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.in.ExecutionWatch;
import ai.aegis.application.port.in.ReportIterationCommand;
import ai.aegis.application.port.in.SpawnChildExecutionCommand;
import ai.aegis.application.port.in.StartRootExecutionCommand;
import ai.aegis.application.port.in.WatchExecutionEventsQuery;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.iteration.IterationEventKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecutionWatchServiceTest {

    private final ServiceFixture fixture = new ServiceFixture();
    private final ExecutionQueryService queries = new ExecutionQueryService(fixture.executionStore, fixture.iterations,
            fixture.audit, fixture.clock);
    private final ExecutionWatchService watches = new ExecutionWatchService(queries);
    private final Identity alice = ServiceFixture.user("alice", ZaruTier.ENTERPRISE);

    @Test
    void watch_rootOfATree_hearsItsOwnAndLaterChildrensEventsButNoOtherTrees() {
        Execution root = fixture.executions.start(new StartRootExecutionCommand(alice,
                fixture.conversation(alice, ConversationMode.AGENTIC).id()));
        Execution other = fixture.executions.start(new StartRootExecutionCommand(alice,
                fixture.conversation(alice, ConversationMode.AGENTIC).id()));
        List<IterationEvent> heard = new ArrayList<>();
        List<ExecutionStatusChange> changes = new ArrayList<>();
        ExecutionWatch watch = watches.watch(new WatchExecutionEventsQuery(alice, root.id(), heard::add, changes::add));

        Execution child = fixture.executions.spawn(SpawnChildExecutionCommand.inheriting(alice, root.id()));
        // The fixture's service publishes to a recorder; hand its status changes on as the listener would.
        fixture.publisher.statusChanges().forEach(watches::statusChanged);
        IterationEvent childAttempt = fixture.executions.report(new ReportIterationCommand(alice, child.id(),
                IterationEventKind.ATTEMPT_STARTED, Optional.empty()));
        IterationEvent otherAttempt = fixture.executions.report(new ReportIterationCommand(alice, other.id(),
                IterationEventKind.ATTEMPT_STARTED, Optional.empty()));
        watches.iterationReported(child.tenantId(), childAttempt);
        watches.iterationReported(other.tenantId(), otherAttempt);

        assertThat(heard).contains(childAttempt).doesNotContain(otherAttempt);
        assertThat(changes).anyMatch(change -> change.executionId().equals(child.id()));
        watch.close();
        assertThat(watches.openWatches()).isZero();
    }

    @Test
    void watch_someoneElsesExecution_notFoundAndNothingLeftOpen() {
        Execution root = fixture.executions.start(new StartRootExecutionCommand(alice,
                fixture.conversation(alice, ConversationMode.AGENTIC).id()));
        Identity bob = ServiceFixture.user("bob", ZaruTier.PRO);

        assertThatThrownBy(() -> watches.watch(new WatchExecutionEventsQuery(bob, root.id(), event -> { }, change -> { })))
                .isInstanceOf(NotFoundException.class);
        assertThat(watches.openWatches()).isZero();
    }
}
