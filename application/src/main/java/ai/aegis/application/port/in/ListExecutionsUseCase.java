package ai.aegis.application.port.in;

import ai.aegis.domain.execution.Execution;
import java.util.List;

/** Executions the caller may see, newest first: their own, or for operators any tenant's (audited). */
public interface ListExecutionsUseCase {

    List<Execution> list(ListExecutionsQuery query);
}
