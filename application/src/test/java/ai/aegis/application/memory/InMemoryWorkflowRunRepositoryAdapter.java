package ai.aegis.application.memory;

import ai.aegis.application.port.out.WorkflowRunRepositoryPort;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.workflow.WorkflowRun;
import ai.aegis.domain.workflow.WorkflowRunEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Workflow runs in memory; one monitor makes each revision check and write atomic. */
public final class InMemoryWorkflowRunRepositoryAdapter implements WorkflowRunRepositoryPort {

    private final Map<ExecutionId, WorkflowRun> runs = new HashMap<>();
    private final Map<ExecutionId, List<WorkflowRunEvent>> events = new HashMap<>();

    @Override
    public synchronized void insert(WorkflowRun run, List<WorkflowRunEvent> newEvents) {
        if (runs.containsKey(run.id())) {
            throw new AlreadyExistsException("workflow_run.exists", "workflow run " + run.id() + " already exists");
        }
        runs.put(run.id(), run);
        events.put(run.id(), new ArrayList<>(newEvents));
    }

    @Override
    public synchronized void update(WorkflowRun run, List<WorkflowRunEvent> newEvents) {
        WorkflowRun stored = runs.get(run.id());
        if (stored == null || !stored.tenantId().equals(run.tenantId()) || stored.revision() != run.revision() - 1) {
            throw new PreconditionFailedException("workflow_run.concurrent_update", "workflow run " + run.id()
                    + " changed meanwhile; read it again");
        }
        runs.put(run.id(), run);
        events.get(run.id()).addAll(newEvents);
    }

    @Override
    public synchronized Optional<WorkflowRun> find(TenantId tenantId, ExecutionId runId) {
        return Optional.ofNullable(runs.get(runId)).filter(run -> run.tenantId().equals(tenantId));
    }

    @Override
    public synchronized Optional<WorkflowRun> findByStep(TenantId tenantId, ExecutionId stepExecutionId) {
        return runs.values().stream()
                .filter(run -> run.tenantId().equals(tenantId) && run.stepExecutionId().equals(Optional.of(stepExecutionId)))
                .findFirst();
    }

    @Override
    public synchronized List<WorkflowRunEvent> events(TenantId tenantId, ExecutionId runId) {
        if (find(tenantId, runId).isEmpty()) {
            return List.of();
        }
        return List.copyOf(events.get(runId));
    }

    @Override
    public synchronized List<WorkflowRun> unfinished(Instant changedBefore, Optional<SweepPosition> after, int limit) {
        Comparator<WorkflowRun> order = Comparator.comparing(WorkflowRun::updatedAt).thenComparing(run -> run.id().value());
        return runs.values().stream()
                .filter(run -> !run.isTerminal() && !run.updatedAt().isAfter(changedBefore))
                .filter(run -> after.isEmpty() || run.updatedAt().isAfter(after.get().updatedAt())
                        || run.updatedAt().equals(after.get().updatedAt())
                        && run.id().value().compareTo(after.get().runId().value()) > 0)
                .sorted(order)
                .limit(limit)
                .toList();
    }
}
