package ai.aegis.application.port.in;

import ai.aegis.domain.execution.Execution;
import java.util.List;

/** Ends an execution (complete / fail / time out); its still-active descendants are cancelled. */
public interface FinishExecutionUseCase {

    /** Exactly the executions that changed: the finished one first, then cancelled descendants. */
    List<Execution> finish(FinishExecutionCommand command);
}
