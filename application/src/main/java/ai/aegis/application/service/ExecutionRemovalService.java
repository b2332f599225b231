package ai.aegis.application.service;

import ai.aegis.application.port.in.RemoveExecutionCommand;
import ai.aegis.application.port.in.RemoveExecutionUseCase;
import ai.aegis.application.port.in.RemovedExecutionTree;
import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.ExecutionRecordRemovalPort;
import ai.aegis.application.port.out.ExecutionRepositoryPort;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.execution.Execution;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code aegis.task.remove}: operators (role operator or admin) remove the records of an ended
 * execution tree of any tenant — every member and its iteration history — named by the tree's
 * root. A tree with a live member is refused ({@code execution.active}: cancel it first); a
 * member that is not the root is refused naming the root, so a removal never leaves half a tree.
 * Audited in the platform tenant ({@code operator.execution.remove}, target the execution id),
 * like the operators' cross-tenant cancel. The audit log is not touched: it keeps what happened.
 */
public final class ExecutionRemovalService implements RemoveExecutionUseCase {

    private final ExecutionRepositoryPort executions;
    private final ExecutionRecordRemovalPort removal;
    private final Auditor auditor;

    public ExecutionRemovalService(ExecutionRepositoryPort executions, ExecutionRecordRemovalPort removal,
            AuditLogPort auditLog, ClockPort clock) {
        this.executions = Objects.requireNonNull(executions, "executions");
        this.removal = Objects.requireNonNull(removal, "removal");
        this.auditor = new Auditor(Objects.requireNonNull(auditLog, "auditLog"), Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public RemovedExecutionTree remove(RemoveExecutionCommand command) {
        return auditor.run(command.identity(), "operator.execution.remove", Optional.of(command.executionId().value()),
                () -> {
                    AccountAdministrationService.requireRole(command.identity(), "aegis.task.remove",
                            "removing execution records");
                    Execution execution = executions.findInAnyTenant(command.executionId())
                            .orElseThrow(() -> new NotFoundException("execution.not_found",
                                    "execution " + command.executionId() + " was not found"));
                    if (!execution.isRoot()) {
                        throw new PreconditionFailedException("execution.not_root", "execution " + execution.id()
                                + " is part of the tree of " + execution.rootId() + "; remove the whole tree by its root "
                                + execution.rootId());
                    }
                    int removed = removal.removeEndedTree(execution.tenantId(), execution.id());
                    return new RemovedExecutionTree(execution.tenantId(), execution.id(), removed);
                });
    }
}
