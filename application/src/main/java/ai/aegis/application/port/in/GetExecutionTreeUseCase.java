package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionTree;

/** The whole tree (root, children, grandchildren) that an execution belongs to; same visibility as {@link GetExecutionUseCase}. */
public interface GetExecutionTreeUseCase {

    ExecutionTree tree(GetExecutionQuery query);
}
