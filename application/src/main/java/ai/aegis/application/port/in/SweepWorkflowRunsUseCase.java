package ai.aegis.application.port.in;

/**
 * The safety net behind event-driven advancing: looks at unfinished runs and advances each
 * (see {@link AdvanceWorkflowRunUseCase}); answers how many changed. Run periodically, and at start.
 */
public interface SweepWorkflowRunsUseCase {

    int sweep(SweepWorkflowRunsCommand command);
}
