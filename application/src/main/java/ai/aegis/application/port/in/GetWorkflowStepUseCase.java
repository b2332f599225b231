package ai.aegis.application.port.in;

import java.util.Optional;

/**
 * For nodes: whether an execution is the current agent step of a workflow run, and what it runs.
 * Empty for any other execution (a task, a run's root, a step the run has moved past).
 */
public interface GetWorkflowStepUseCase {

    Optional<WorkflowStep> step(GetWorkflowStepQuery query);
}
