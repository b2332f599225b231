package ai.aegis.application.service;

import ai.aegis.application.port.in.ExecutionWatch;
import ai.aegis.application.port.out.ExecutionEventPublisherPort;
import ai.aegis.domain.event.ExecutionEvent;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEvent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hands every execution event to the watchers of its tree. Fed with every event of every instance
 * (in {@code aegis serve} by the LISTEN/NOTIFY listener; in a single process it can be the
 * publisher itself). Publishing never waits for a watcher: each watcher has a bounded buffer
 * ({@link ExecutionWatch}) and is dropped when it fills. Iteration events name only their
 * execution, so the fan-out remembers which tree each recently seen execution belongs to.
 */
public final class ExecutionEventFanOut implements ExecutionEventPublisherPort {

    private static final int REMEMBERED_EXECUTIONS = 100_000;

    private final Map<ExecutionId, List<ExecutionWatch>> watchersByRoot = new ConcurrentHashMap<>();
    private final Map<ExecutionId, ExecutionId> rootOf = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ExecutionId, ExecutionId> eldest) {
            return size() > REMEMBERED_EXECUTIONS;
        }
    };

    /**
     * Subscribes a watch to the tree rooted at {@code watch.rootId()}; {@code members} are the
     * tree's executions known now (later ones are learned from their creation events).
     */
    public void subscribe(ExecutionWatch watch, Collection<ExecutionId> members) {
        synchronized (rootOf) {
            for (ExecutionId member : members) {
                rootOf.put(member, watch.rootId());
            }
        }
        watchersByRoot.computeIfAbsent(watch.rootId(), root -> new CopyOnWriteArrayList<>()).add(watch);
        watch.onClose(() -> unsubscribe(watch));
    }

    /** How many watches are open, across every tree. */
    public int watchCount() {
        int count = 0;
        for (List<ExecutionWatch> watches : watchersByRoot.values()) {
            count += watches.size();
        }
        return count;
    }

    @Override
    public void statusChanged(ExecutionStatusChange change) {
        synchronized (rootOf) {
            rootOf.put(change.executionId(), change.rootId());
        }
        deliver(change.rootId(), new ExecutionEvent.StatusChanged(change));
    }

    @Override
    public void iterationReported(TenantId tenantId, IterationEvent event) {
        ExecutionId root;
        synchronized (rootOf) {
            root = rootOf.get(event.executionId());
        }
        if (root != null) {
            deliver(root, new ExecutionEvent.IterationReported(tenantId, event));
        }
    }

    private void deliver(ExecutionId root, ExecutionEvent event) {
        List<ExecutionWatch> watches = watchersByRoot.get(root);
        if (watches == null) {
            return;
        }
        for (ExecutionWatch watch : watches) {
            if (!watch.offer(event)) {
                unsubscribe(watch);
            }
        }
    }

    private void unsubscribe(ExecutionWatch watch) {
        watchersByRoot.computeIfPresent(watch.rootId(), (root, watches) -> {
            watches.remove(watch);
            return watches.isEmpty() ? null : watches;
        });
    }
}
