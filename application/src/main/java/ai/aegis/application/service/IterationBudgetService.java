package ai.aegis.application.service;

import ai.aegis.application.port.in.FinishExecutionCommand;
import ai.aegis.application.port.in.FinishExecutionUseCase;
import ai.aegis.application.port.in.ReportIterationCommand;
import ai.aegis.application.port.in.ReportIterationUseCase;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.execution.ExecutionOutcome;
import ai.aegis.domain.iteration.IterationEvent;
import java.util.Objects;
import java.util.Optional;

/**
 * Iteration reports with {@code max_iterations} enforced to the end: an attempt beyond the limit is
 * refused (the wrapped use case refuses it with {@code execution.iterations_exhausted}) and the
 * execution then fails with a sentence saying why, so that the person sees the run end rather than
 * hang. The refusal still reaches the node.
 */
public final class IterationBudgetService implements ReportIterationUseCase {

    /** The failure detail; the sentence reads "The agent stopped after N attempts without a working result: …". */
    public static final String EXHAUSTED = "it used every attempt its plan allows, so one more attempt was refused";

    private final ReportIterationUseCase report;
    private final FinishExecutionUseCase finish;

    public IterationBudgetService(ReportIterationUseCase report, FinishExecutionUseCase finish) {
        this.report = Objects.requireNonNull(report, "report");
        this.finish = Objects.requireNonNull(finish, "finish");
    }

    @Override
    public IterationEvent report(ReportIterationCommand command) {
        try {
            return report.report(command);
        } catch (LimitExceededException refused) {
            if ("execution.iterations_exhausted".equals(refused.code())) {
                finish.finish(new FinishExecutionCommand(command.identity(), command.executionId(),
                        ExecutionOutcome.FAILED, Optional.of(EXHAUSTED)));
            }
            throw refused;
        }
    }
}
