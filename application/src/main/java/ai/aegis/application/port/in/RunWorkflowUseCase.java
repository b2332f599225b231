package ai.aegis.application.port.in;

import ai.aegis.domain.workflow.WorkflowRun;

/**
 * Starts a workflow run: a root execution in the conversation (one active root per conversation
 * still holds) and the run's first state entered; an agent state spawns its step execution.
 */
public interface RunWorkflowUseCase {

    WorkflowRun run(RunWorkflowCommand command);
}
