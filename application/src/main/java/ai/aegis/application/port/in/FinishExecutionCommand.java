package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionOutput;
import ai.aegis.domain.execution.ExecutionOutcome;
import ai.aegis.domain.identity.Identity;
import java.util.Objects;
import java.util.Optional;

/**
 * A node reports that an execution completed, failed or timed out, optionally with what its last run
 * produced ({@code output}), which is kept with the execution.
 */
public record FinishExecutionCommand(
        Identity identity, ExecutionId executionId, ExecutionOutcome outcome, Optional<String> detail,
        Optional<ExecutionOutput> output) {

    public FinishExecutionCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(output, "output");
    }

    /** A report without output. */
    public FinishExecutionCommand(Identity identity, ExecutionId executionId, ExecutionOutcome outcome,
            Optional<String> detail) {
        this(identity, executionId, outcome, detail, Optional.empty());
    }
}
