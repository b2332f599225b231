package ai.aegis.bootstrap.node;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionOutcome;
import ai.aegis.domain.iteration.IterationEventKind;
import java.util.Optional;

/**
 * Where the local node's iteration loop tells the service what happens. The two abstract methods
 * map one to one onto the service's use cases: {@link #iteration} onto {@code ReportIterationUseCase}
 * ({@code ReportIterationCommand(identity, executionId, kind, detail)}) and {@link #finish} onto
 * {@code FinishExecutionUseCase} ({@code FinishExecutionCommand(identity, executionId, outcome, detail)});
 * the implementation adds the caller identity (the node credential and the execution's SEAL token on
 * the gRPC client). Details are short plain phrases that the service sanitises and renders into the
 * iteration sentence.
 *
 * <p>The loop only reports {@code ATTEMPT_STARTED}, {@code VALIDATION_FAILED}, {@code FIX_APPLIED}
 * and {@code MEMORY_REUSED} through {@link #iteration}, and completion, failure and time-out through
 * {@link #finish}. Cancellation comes from the service, so the loop never reports it. An
 * implementation signals a refusal (iterations exhausted, execution no longer running) by throwing
 * the service's {@code DomainException}; the loop then stops without reporting anything more.
 */
public interface NodeReporter {

    /** One step of an attempt ({@code ReportIterationUseCase}). */
    void iteration(ExecutionId executionId, IterationEventKind kind, Optional<String> detail);

    /** The execution ended on this node ({@code FinishExecutionUseCase}). */
    void finish(ExecutionId executionId, ExecutionOutcome outcome, Optional<String> detail);

    /**
     * The execution ended, with its last run when there was one (its output goes to the service with the
     * report). Without an override, the run is dropped and {@link #finish} reports the end.
     */
    default void finish(ExecutionId executionId, ExecutionOutcome outcome, Optional<String> detail,
            Optional<SandboxResult> lastRun) {
        finish(executionId, outcome, detail);
    }

    default void attemptStarted(ExecutionId executionId, String detail) {
        iteration(executionId, IterationEventKind.ATTEMPT_STARTED, Optional.ofNullable(detail));
    }

    default void validationFailed(ExecutionId executionId, String reason) {
        iteration(executionId, IterationEventKind.VALIDATION_FAILED, Optional.ofNullable(reason));
    }

    default void fixApplied(ExecutionId executionId, String detail) {
        iteration(executionId, IterationEventKind.FIX_APPLIED, Optional.ofNullable(detail));
    }

    default void memoryReused(ExecutionId executionId, String detail) {
        iteration(executionId, IterationEventKind.MEMORY_REUSED, Optional.ofNullable(detail));
    }

    default void completed(ExecutionId executionId, String detail) {
        finish(executionId, ExecutionOutcome.COMPLETED, Optional.ofNullable(detail));
    }

    default void failed(ExecutionId executionId, String reason) {
        finish(executionId, ExecutionOutcome.FAILED, Optional.ofNullable(reason));
    }

    default void timedOut(ExecutionId executionId, String detail) {
        finish(executionId, ExecutionOutcome.TIMED_OUT, Optional.ofNullable(detail));
    }
}
