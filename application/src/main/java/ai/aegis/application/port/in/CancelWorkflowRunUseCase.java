package ai.aegis.application.port.in;

import ai.aegis.domain.workflow.WorkflowRun;

/** Cancels a run: the run is marked cancelled and its root execution is cancelled with every descendant. */
public interface CancelWorkflowRunUseCase {

    WorkflowRun cancel(CancelWorkflowRunCommand command);
}
