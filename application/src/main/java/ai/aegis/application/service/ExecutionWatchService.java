package ai.aegis.application.service;

import ai.aegis.application.port.in.ExecutionWatch;
import ai.aegis.application.port.in.GetExecutionQuery;
import ai.aegis.application.port.in.GetExecutionTreeUseCase;
import ai.aegis.application.port.in.WatchExecutionEventsQuery;
import ai.aegis.application.port.in.WatchExecutionEventsUseCase;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Opens watches on execution trees. Visibility is the read rule of {@link GetExecutionTreeUseCase}
 * (owner, or an operator, audited); the watch covers the whole tree of the execution named.
 */
public final class ExecutionWatchService implements WatchExecutionEventsUseCase {

    private final GetExecutionTreeUseCase trees;
    private final ExecutionEventFanOut fanOut;

    public ExecutionWatchService(GetExecutionTreeUseCase trees, ExecutionEventFanOut fanOut) {
        this.trees = Objects.requireNonNull(trees, "trees");
        this.fanOut = Objects.requireNonNull(fanOut, "fanOut");
    }

    @Override
    public ExecutionWatch watch(WatchExecutionEventsQuery query) {
        ExecutionTree tree = trees.tree(new GetExecutionQuery(query.identity(), query.executionId()));
        ExecutionWatch watch = new ExecutionWatch(tree.root().id(), query.bufferSize(), query.signal());
        List<ExecutionId> members = new ArrayList<>();
        for (Execution execution : tree.executions()) {
            members.add(execution.id());
        }
        fanOut.subscribe(watch, members);
        return watch;
    }
}
