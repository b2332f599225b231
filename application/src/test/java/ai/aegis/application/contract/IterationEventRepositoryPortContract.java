package ai.aegis.application.contract;

import static ai.aegis.application.contract.ContractFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.port.out.IterationEventRepositoryPort;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.iteration.IterationEventKind;
import org.junit.jupiter.api.Test;

/** What every {@link IterationEventRepositoryPort} adapter must do. */
public abstract class IterationEventRepositoryPortContract {

    protected abstract IterationEventRepositoryPort newRepository();

    @Test
    void append_thenList_inOrderAndTenantScoped() {
        IterationEventRepositoryPort repository = newRepository();
        ExecutionId id = ExecutionId.of("exec-1");
        IterationEvent first = IterationEvent.of(id, IterationEventKind.ATTEMPT_STARTED, 1, 5, NOW, null);
        IterationEvent second = IterationEvent.of(id, IterationEventKind.VALIDATION_FAILED, 1, 5, NOW.plusSeconds(1), "the import");
        repository.append(ContractFixtures.TENANT_A, first);
        repository.append(ContractFixtures.TENANT_A, second);
        repository.append(ContractFixtures.TENANT_A, IterationEvent.of(ExecutionId.of("exec-2"),
                IterationEventKind.ATTEMPT_STARTED, 1, 5, NOW, null));

        assertThat(repository.listByExecution(ContractFixtures.TENANT_A, id)).containsExactly(first, second);
        assertThat(repository.listByExecution(ContractFixtures.TENANT_B, id)).isEmpty();
    }
}
