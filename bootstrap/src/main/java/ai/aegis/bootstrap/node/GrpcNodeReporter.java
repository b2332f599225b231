package ai.aegis.bootstrap.node;

import ai.aegis.adapters.grpc.node.GrpcNodeClient;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionOutcome;
import ai.aegis.domain.iteration.IterationEventKind;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reports the iteration loop's steps over gRPC with the execution's SEAL token. BeginExecution has
 * already started (and counted) attempt 1, so the loop's first "attempt started" is not sent again.
 * A run that ran out of time is not reported: the service times executions out itself, and its
 * time-out cascades. Refusals from the service come back as its {@code DomainException}, which stops
 * the loop.
 */
final class GrpcNodeReporter implements NodeReporter {

    private final GrpcNodeClient.ForExecution calls;
    private final AtomicBoolean firstAttemptAlreadyCounted = new AtomicBoolean(true);

    GrpcNodeReporter(GrpcNodeClient.ForExecution calls) {
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    @Override
    public void iteration(ExecutionId executionId, IterationEventKind kind, Optional<String> detail) {
        if (kind == IterationEventKind.ATTEMPT_STARTED && firstAttemptAlreadyCounted.getAndSet(false)) {
            return;
        }
        calls.report(kind, detail);
    }

    @Override
    public void finish(ExecutionId executionId, ExecutionOutcome outcome, Optional<String> detail) {
        if (outcome == ExecutionOutcome.COMPLETED) {
            calls.complete(detail);
        } else if (outcome == ExecutionOutcome.FAILED) {
            calls.fail(detail);
        }
    }
}
