package ai.aegis.application.service;

import ai.aegis.application.port.in.GetExecutionOutputUseCase;
import ai.aegis.application.port.in.GetExecutionQuery;
import ai.aegis.application.port.in.GetExecutionUseCase;
import ai.aegis.application.port.out.ExecutionTaskPort;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionOutput;
import java.util.Objects;
import java.util.Optional;

/** Answers an execution's output to whoever may read the execution: the read decides access, then the store answers. */
public final class ExecutionOutputService implements GetExecutionOutputUseCase {

    private final GetExecutionUseCase executions;
    private final ExecutionTaskPort tasks;

    public ExecutionOutputService(GetExecutionUseCase executions, ExecutionTaskPort tasks) {
        this.executions = Objects.requireNonNull(executions, "executions");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
    }

    @Override
    public Optional<ExecutionOutput> output(GetExecutionQuery query) {
        Execution execution = executions.get(query);
        return tasks.findOutput(execution.tenantId(), execution.id());
    }
}
