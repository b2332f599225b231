package ai.aegis.application.service;

import static ai.aegis.application.contract.ContractFixtures.NOW;
import static ai.aegis.application.contract.ContractFixtures.TENANT_A;
import static ai.aegis.application.contract.ContractFixtures.newTree;
import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.memory.InMemoryAuditLogAdapter;
import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.memory.InMemoryExecutionRecordRemovalAdapter;
import ai.aegis.application.memory.InMemoryExecutionRepositoryAdapter;
import ai.aegis.application.memory.InMemoryIterationEventRepositoryAdapter;
import ai.aegis.application.port.in.RemoveExecutionCommand;
import ai.aegis.application.port.in.RemovedExecutionTree;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.execution.TreeChange;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.tenancy.TenantScope;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Operators remove ended trees of any tenant by their root; live trees and read-only operators are refused. */
class ExecutionRemovalServiceTest {

    private static final ExecutionId ROOT = ExecutionId.of("exec-root-1");
    private static final ExecutionId CHILD = ExecutionId.of("exec-child-1");

    private final InMemoryExecutionRepositoryAdapter executions = new InMemoryExecutionRepositoryAdapter();
    private final InMemoryAuditLogAdapter audit = new InMemoryAuditLogAdapter();
    private final ExecutionRemovalService service = new ExecutionRemovalService(executions,
            new InMemoryExecutionRecordRemovalAdapter(executions, new InMemoryIterationEventRepositoryAdapter()), audit,
            new InMemoryClockAdapter(NOW));

    private ExecutionTree storedTreeWithChild() {
        ExecutionTree tree = newTree(TENANT_A, ROOT.value(), "conv-1");
        executions.insertRoot(tree.root());
        Execution root = tree.root();
        TreeChange spawned = tree.spawnChild(root.id(), root.securityContext(), root.deadline(), root.memoryBytes(),
                root.maxIterations(), NOW.plusSeconds(1), CHILD);
        executions.saveChanges(TENANT_A, tree, spawned.changed());
        return spawned.tree();
    }

    private static String code(Supplier<?> call) {
        try {
            call.get();
            return "allowed";
        } catch (DomainException refusal) {
            return refusal.code();
        }
    }

    private RemovedExecutionTree remove(Identity actor, ExecutionId id) {
        return service.remove(new RemoveExecutionCommand(actor, id));
    }

    @Test
    void remove_eachRoleAndConsumer_onlyOperatorAndAdminRemove() {
        ExecutionTree tree = storedTreeWithChild();
        executions.saveChanges(TENANT_A, tree, tree.cancel(ROOT, NOW.plusSeconds(2)).changed());
        Identity consumer = new Identity.ZaruUser(ZaruUserId.of("user-1"), TENANT_A, ZaruTier.ENTERPRISE);

        assertThat(code(() -> remove(consumer, ROOT))).isEqualTo("identity.not_operator");
        assertThat(code(() -> remove(new Identity.Operator("viewer", AegisRole.READONLY), ROOT))).isEqualTo("role.too_low");
        RemovedExecutionTree removed = remove(new Identity.Operator("ops", AegisRole.OPERATOR), ROOT);

        assertThat(removed).isEqualTo(new RemovedExecutionTree(TENANT_A, ROOT, 2));
        assertThat(executions.findInAnyTenant(ROOT)).isEmpty();
        assertThat(code(() -> remove(new Identity.Operator("root", AegisRole.ADMIN), ROOT))).isEqualTo("execution.not_found");
        assertThat(audit.all()).filteredOn(record -> record.decision() == AuditDecision.ALLOWED)
                .extracting(AuditRecord::actorSubject, AuditRecord::tenantId, AuditRecord::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ops", TenantScope.SYSTEM, "operator.execution.remove"));
    }

    @Test
    void remove_liveTreeOrChild_refusedNamingWhatToDo() {
        storedTreeWithChild();
        Identity admin = new Identity.Operator("root", AegisRole.ADMIN);

        assertThat(code(() -> remove(admin, ROOT))).isEqualTo("execution.active");
        assertThat(code(() -> remove(admin, CHILD))).isEqualTo("execution.not_root");
        assertThat(executions.findInAnyTenant(CHILD)).isPresent();
    }
}
