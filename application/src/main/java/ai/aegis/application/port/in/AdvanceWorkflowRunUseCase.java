package ai.aegis.application.port.in;

import ai.aegis.domain.workflow.WorkflowRun;
import java.util.Optional;

/**
 * Moves a run on from what happened to its executions: a step that ended follows its transition,
 * a root that ended ends the run, an expired wait follows its timeout. (A step that was never
 * started after a crash is left to {@link SweepWorkflowRunsUseCase}, which only looks at quiet
 * runs.) Idempotent: calling it again (another instance, a later sweep) changes nothing more.
 * Empty when no run is rooted there.
 */
public interface AdvanceWorkflowRunUseCase {

    Optional<WorkflowRun> advance(AdvanceWorkflowRunCommand command);
}
