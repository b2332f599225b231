package ai.aegis.application.service;

import ai.aegis.application.port.in.CancelAnyExecutionCommand;
import ai.aegis.application.port.in.CancelAnyExecutionUseCase;
import ai.aegis.application.port.in.CancelExecutionCommand;
import ai.aegis.application.port.in.CancelExecutionUseCase;
import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.ExecutionRepositoryPort;
import ai.aegis.application.port.out.LimitOverridesPort;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Operators cancelling any tenant's execution: the role gate and an audit record of the operator's
 * action here, then the owner's own cancel (same cascade, revocations and events) in the owner's
 * tenant, because executions live in their tenant and the operator acts in the platform's.
 */
public final class OperatorExecutionService implements CancelAnyExecutionUseCase {

    private final ExecutionRepositoryPort executions;
    private final CancelExecutionUseCase cancel;
    private final ExecutionActors actors;
    private final Auditor auditor;

    public OperatorExecutionService(ExecutionRepositoryPort executions, LimitOverridesPort overrides,
            CancelExecutionUseCase cancel, AuditLogPort auditLog, ClockPort clock) {
        this.executions = Objects.requireNonNull(executions, "executions");
        this.cancel = Objects.requireNonNull(cancel, "cancel");
        this.actors = new ExecutionActors(executions, Objects.requireNonNull(overrides, "overrides"));
        this.auditor = new Auditor(Objects.requireNonNull(auditLog, "auditLog"), Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public List<Execution> cancel(CancelAnyExecutionCommand command) {
        Identity identity = command.identity();
        return auditor.run(identity, "operator.execution.cancel", Optional.of(command.executionId().value()), () -> {
            if (!(identity instanceof Identity.Operator operator)) {
                throw new AccessDeniedException("identity.not_operator",
                        "cancelling another person's execution is for operators of the aegis-system realm");
            }
            if (!operator.role().includes(AegisRole.OPERATOR)) {
                throw new AccessDeniedException("role.too_low", "cancelling executions needs the operator role; your "
                        + "role is " + operator.role().claimValue());
            }
            Execution execution = executions.findInAnyTenant(command.executionId())
                    .orElseThrow(() -> new NotFoundException("execution.not_found",
                            "execution " + command.executionId() + " was not found"));
            return cancel.cancel(new CancelExecutionCommand(actors.ownerOf(execution), execution.id()));
        });
    }
}
