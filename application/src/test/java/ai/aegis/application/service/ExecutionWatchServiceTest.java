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
import ai.aegis.domain.event.ExecutionEvent;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecutionWatchServiceTest {

    private final ServiceFixture fixture = new ServiceFixture();
    private final ExecutionQueryService queries = new ExecutionQueryService(fixture.executionStore, fixture.iterations,
            fixture.audit, fixture.clock);
    private final ExecutionEventFanOut fanOut = new ExecutionEventFanOut();
    private final ExecutionWatchService watches = new ExecutionWatchService(queries, fanOut);
    private final Identity alice = ServiceFixture.user("alice", ZaruTier.ENTERPRISE);

    @Test
    void watch_rootOfATree_hearsItsOwnAndLaterChildrensEventsButNoOtherTrees() {
        Execution root = fixture.executions.start(new StartRootExecutionCommand(alice,
                fixture.conversation(alice, ConversationMode.AGENTIC).id()));
        Execution other = fixture.executions.start(new StartRootExecutionCommand(alice,
                fixture.conversation(alice, ConversationMode.AGENTIC).id()));
        ExecutionWatch watch = watches.watch(new WatchExecutionEventsQuery(alice, root.id(),
                WatchExecutionEventsQuery.DEFAULT_BUFFER, () -> { }));

        Execution child = fixture.executions.spawn(SpawnChildExecutionCommand.inheriting(alice, root.id()));
        // The fixture's service publishes to a recorder; hand its status changes on as the listener would.
        fixture.publisher.statusChanges().forEach(fanOut::statusChanged);
        IterationEvent childAttempt = fixture.executions.report(new ReportIterationCommand(alice, child.id(),
                IterationEventKind.ATTEMPT_STARTED, Optional.empty()));
        IterationEvent otherAttempt = fixture.executions.report(new ReportIterationCommand(alice, other.id(),
                IterationEventKind.ATTEMPT_STARTED, Optional.empty()));
        fanOut.iterationReported(child.tenantId(), childAttempt);
        fanOut.iterationReported(other.tenantId(), otherAttempt);
        List<IterationEvent> heard = new ArrayList<>();
        List<ExecutionStatusChange> changes = new ArrayList<>();
        for (Optional<ExecutionEvent> next = watch.poll(); next.isPresent(); next = watch.poll()) {
            if (next.get() instanceof ExecutionEvent.IterationReported iteration) {
                heard.add(iteration.event());
            } else if (next.get() instanceof ExecutionEvent.StatusChanged status) {
                changes.add(status.change());
            }
        }

        assertThat(heard).contains(childAttempt).doesNotContain(otherAttempt);
        assertThat(changes).anyMatch(change -> change.executionId().equals(child.id()));
        watch.close();
        assertThat(fanOut.watchCount()).isZero();
    }

    @Test
    void watch_someoneElsesExecution_notFoundAndNothingLeftOpen() {
        Execution root = fixture.executions.start(new StartRootExecutionCommand(alice,
                fixture.conversation(alice, ConversationMode.AGENTIC).id()));
        Identity bob = ServiceFixture.user("bob", ZaruTier.PRO);

        assertThatThrownBy(() -> watches.watch(new WatchExecutionEventsQuery(bob, root.id(),
                WatchExecutionEventsQuery.DEFAULT_BUFFER, () -> { })))
                .isInstanceOf(NotFoundException.class);
        assertThat(fanOut.watchCount()).isZero();
    }
}
