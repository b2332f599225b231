package ai.aegis.application.port.in;

import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.execution.Execution;
import java.util.List;

/**
 * Operator administration: cancel any tenant's execution with the same cascade as its owner's
 * cancel. Needs the operator role or higher; audited as the operator's action.
 */
public interface CancelAnyExecutionUseCase {

    /** @throws AccessDeniedException {@code identity.not_operator} or {@code role.too_low} */
    List<Execution> cancel(CancelAnyExecutionCommand command);
}
