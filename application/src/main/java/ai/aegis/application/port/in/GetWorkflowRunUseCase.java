package ai.aegis.application.port.in;

import ai.aegis.domain.workflow.WorkflowRun;

/** The status view of a run: its state, status, step and what it waits for. Not audited (a read of one's own). */
public interface GetWorkflowRunUseCase {

    WorkflowRun get(GetWorkflowRunQuery query);
}
