package ai.aegis.application.port.in;

import ai.aegis.domain.workflow.WorkflowRun;

/**
 * Resumes a run waiting at a human-input state with the person's data (checked against the state's
 * input schema). A run that is not waiting refuses, naming its state.
 */
public interface SignalWorkflowRunUseCase {

    WorkflowRun signal(SignalWorkflowRunCommand command);
}
