package ai.aegis.application.port.in;

import java.util.List;

/**
 * A run's plain-English log: its own state-transition sentences ("Moved from 'draft' to 'review'")
 * and the iteration sentences of its executions, in time order.
 */
public interface ListWorkflowRunLogUseCase {

    List<WorkflowRunLogEntry> log(ListWorkflowRunLogQuery query);
}
