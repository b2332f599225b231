package ai.aegis.application.service;

import ai.aegis.application.port.in.ExecutionWatch;
import ai.aegis.application.port.in.GetExecutionQuery;
import ai.aegis.application.port.in.GetExecutionTreeUseCase;
import ai.aegis.application.port.in.WatchExecutionEventsQuery;
import ai.aegis.application.port.in.WatchExecutionEventsUseCase;
import ai.aegis.application.port.out.ExecutionEventPublisherPort;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEvent;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The in-process fan-out of execution events to watchers. It is itself an
 * {@link ExecutionEventPublisherPort}: wire it directly as the publisher in a single process, or
 * feed it from the PostgreSQL LISTEN/NOTIFY listener so that a watcher on one instance hears about
 * work changed on another. Watchers subscribe before the tree is read, so a child spawned in
 * between is not missed; iteration events carry only their execution id, so each watcher keeps the
 * member ids of its tree and learns new members from their first status change.
 */
public final class ExecutionWatchService implements WatchExecutionEventsUseCase, ExecutionEventPublisherPort {

    private final GetExecutionTreeUseCase trees;
    private final CopyOnWriteArrayList<Watcher> watchers = new CopyOnWriteArrayList<>();

    public ExecutionWatchService(GetExecutionTreeUseCase trees) {
        this.trees = Objects.requireNonNull(trees, "trees");
    }

    private static final class Watcher {
        final WatchExecutionEventsQuery query;
        final Set<ExecutionId> members = ConcurrentHashMap.newKeySet();
        volatile ExecutionId rootId;
        volatile TenantId tenant;

        Watcher(WatchExecutionEventsQuery query) {
            this.query = query;
            members.add(query.executionId());
        }
    }

    @Override
    public ExecutionWatch watch(WatchExecutionEventsQuery query) {
        Watcher watcher = new Watcher(query);
        watchers.add(watcher);
        try {
            ExecutionTree tree = trees.tree(new GetExecutionQuery(query.identity(), query.executionId()));
            watcher.tenant = tree.tenantId();
            watcher.rootId = tree.root().id();
            for (Execution member : tree.executions()) {
                watcher.members.add(member.id());
            }
        } catch (RuntimeException refused) {
            watchers.remove(watcher);
            throw refused;
        }
        return new ExecutionWatch(() -> watchers.remove(watcher));
    }

    @Override
    public void statusChanged(ExecutionStatusChange change) {
        for (Watcher watcher : watchers) {
            if (change.tenantId().equals(watcher.tenant) && change.rootId().equals(watcher.rootId)) {
                watcher.members.add(change.executionId());
                watcher.query.statusChanges().accept(change);
            }
        }
    }

    @Override
    public void iterationReported(TenantId tenantId, IterationEvent event) {
        for (Watcher watcher : watchers) {
            if (tenantId.equals(watcher.tenant) && watcher.members.contains(event.executionId())) {
                watcher.query.iterations().accept(event);
            }
        }
    }

    /** How many watchers are open (for tests and health). */
    public int openWatches() {
        return watchers.size();
    }
}
