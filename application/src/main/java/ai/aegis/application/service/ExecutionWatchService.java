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

    /**
     * One subscription. Until its tree has been read it does not know its tenant and root, so it
     * holds what arrives meanwhile and replays it once it does: nothing published after
     * {@link #watch} began is lost.
     */
    private static final class Watcher {
        final WatchExecutionEventsQuery query;
        final Set<ExecutionId> members = ConcurrentHashMap.newKeySet();
        private final java.util.List<Object> early = new java.util.ArrayList<>();
        private ExecutionId rootId;
        private TenantId tenant;
        private boolean ready;

        Watcher(WatchExecutionEventsQuery query) {
            this.query = query;
            members.add(query.executionId());
        }

        synchronized void ready(ExecutionTree tree) {
            tenant = tree.tenantId();
            rootId = tree.root().id();
            for (Execution member : tree.executions()) {
                members.add(member.id());
            }
            ready = true;
            for (Object event : early) {
                if (event instanceof ExecutionStatusChange change) {
                    statusChanged(change);
                } else {
                    TenantAndEvent iteration = (TenantAndEvent) event;
                    iterationReported(iteration.tenant(), iteration.event());
                }
            }
            early.clear();
        }

        synchronized void statusChanged(ExecutionStatusChange change) {
            if (!ready) {
                early.add(change);
            } else if (change.tenantId().equals(tenant) && change.rootId().equals(rootId)) {
                members.add(change.executionId());
                query.statusChanges().accept(change);
            }
        }

        synchronized void iterationReported(TenantId tenantId, IterationEvent event) {
            if (!ready) {
                early.add(new TenantAndEvent(tenantId, event));
            } else if (tenantId.equals(tenant) && members.contains(event.executionId())) {
                query.iterations().accept(event);
            }
        }
    }

    private record TenantAndEvent(TenantId tenant, IterationEvent event) {
    }

    @Override
    public ExecutionWatch watch(WatchExecutionEventsQuery query) {
        Watcher watcher = new Watcher(query);
        watchers.add(watcher);
        try {
            watcher.ready(trees.tree(new GetExecutionQuery(query.identity(), query.executionId())));
        } catch (RuntimeException refused) {
            watchers.remove(watcher);
            throw refused;
        }
        return new ExecutionWatch(() -> watchers.remove(watcher));
    }

    @Override
    public void statusChanged(ExecutionStatusChange change) {
        for (Watcher watcher : watchers) {
            watcher.statusChanged(change);
        }
    }

    @Override
    public void iterationReported(TenantId tenantId, IterationEvent event) {
        for (Watcher watcher : watchers) {
            watcher.iterationReported(tenantId, event);
        }
    }

    /** How many watchers are open (for tests and health). */
    public int openWatches() {
        return watchers.size();
    }
}
