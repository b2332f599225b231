package ai.aegis.application.service;

import ai.aegis.application.port.in.GetExecutionQuery;
import ai.aegis.application.port.in.GetExecutionTreeUseCase;
import ai.aegis.application.port.in.GetExecutionUseCase;
import ai.aegis.application.port.in.ListExecutionsQuery;
import ai.aegis.application.port.in.ListExecutionsUseCase;
import ai.aegis.application.port.in.ListIterationEventsQuery;
import ai.aegis.application.port.in.ListIterationEventsUseCase;
import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.ExecutionRepositoryPort;
import ai.aegis.application.port.out.IterationEventRepositoryPort;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.iteration.IterationHistory;
import ai.aegis.domain.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Read access to executions and their iteration history. A consumer reads only the executions they
 * own in their own tenant (anything else is "not found", so ids reveal nothing); an operator of any
 * role may read every tenant's, and each such cross-tenant read is audited. Refusals are audited.
 */
public final class ExecutionQueryService implements GetExecutionUseCase, GetExecutionTreeUseCase, ListExecutionsUseCase,
        ListIterationEventsUseCase {

    private final ExecutionRepositoryPort executions;
    private final IterationEventRepositoryPort iterations;
    private final Auditor auditor;
    private final int maxDepth;

    public ExecutionQueryService(ExecutionRepositoryPort executions, IterationEventRepositoryPort iterations,
            AuditLogPort auditLog, ClockPort clock) {
        this.executions = Objects.requireNonNull(executions, "executions");
        this.iterations = Objects.requireNonNull(iterations, "iterations");
        this.auditor = new Auditor(Objects.requireNonNull(auditLog, "auditLog"), Objects.requireNonNull(clock, "clock"));
        this.maxDepth = ExecutionTree.DEFAULT_MAX_DEPTH;
    }

    @Override
    public Execution get(GetExecutionQuery query) {
        return read(query.identity(), "execution.get", Optional.of(query.executionId().value()),
                () -> visible(query.identity(), query.executionId()));
    }

    @Override
    public ExecutionTree tree(GetExecutionQuery query) {
        return read(query.identity(), "execution.get_tree", Optional.of(query.executionId().value()),
                () -> treeOf(visible(query.identity(), query.executionId())));
    }

    @Override
    public List<Execution> list(ListExecutionsQuery query) {
        Identity identity = query.identity();
        Optional<String> target = query.tenant().map(TenantId::value);
        return read(identity, "execution.list", target, () -> {
            if (isOperator(identity)) {
                return query.tenant().isPresent()
                        ? executions.list(query.tenant().get(), query.filter(), query.limit())
                        : executions.listAcrossTenants(query.filter(), query.limit());
            }
            TenantId own = TenantScope.of(identity);
            if (query.tenant().isPresent() && !query.tenant().get().equals(own)) {
                throw new AccessDeniedException("tenant.not_yours", "you can only list executions of your own account");
            }
            return executions.list(own, query.filter().ownedBy(identity.subject()), query.limit());
        });
    }

    @Override
    public List<IterationEvent> list(ListIterationEventsQuery query) {
        return read(query.identity(), "execution.logs", Optional.of(query.executionId().value()), () -> {
            Execution execution = visible(query.identity(), query.executionId());
            if (!query.includeDescendants()) {
                return historyOf(execution);
            }
            List<Execution> members = new ArrayList<>();
            members.add(execution);
            treeOf(execution).descendants(execution.id()).forEach(members::add);
            List<IterationEvent> events = new ArrayList<>();
            for (Execution member : members) {
                events.addAll(historyOf(member));
            }
            // Stable sort: one execution's events keep their stored order when two share an instant.
            events.sort(Comparator.comparing(IterationEvent::at));
            return events;
        });
    }

    /** The stored events, ended by the final event its status tells when none was stored. */
    private List<IterationEvent> historyOf(Execution execution) {
        return IterationHistory.of(execution, iterations.listByExecution(execution.tenantId(), execution.id()));
    }

    private Execution visible(Identity identity, ExecutionId id) {
        Optional<Execution> found = isOperator(identity)
                ? executions.findInAnyTenant(id)
                : executions.find(TenantScope.of(identity), id)
                        .filter(execution -> execution.ownerSubject().equals(identity.subject()));
        return found.orElseThrow(() -> new NotFoundException("execution.not_found", "execution " + id + " was not found"));
    }

    private ExecutionTree treeOf(Execution execution) {
        return executions.loadTree(execution.tenantId(), execution.id(), maxDepth)
                .orElseThrow(() -> new NotFoundException("execution.not_found",
                        "execution " + execution.id() + " was not found"));
    }

    private <T> T read(Identity identity, String action, Optional<String> target, Supplier<T> work) {
        if (isOperator(identity)) {
            // Operators read across tenants: every such read leaves a trace, allowed or not.
            return auditor.run(identity, "operator." + action, target, work);
        }
        try {
            return work.get();
        } catch (DomainException refusal) {
            auditor.record(identity, action, target, AuditDecision.DENIED, refusal.code());
            throw refusal;
        }
    }

    private static boolean isOperator(Identity identity) {
        return identity instanceof Identity.Operator;
    }
}
