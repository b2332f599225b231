package ai.aegis.adapters.persistence;

import static ai.aegis.adapters.persistence.ExecutionTestTrees.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.contract.ContractFixtures;
import ai.aegis.application.contract.IterationEventRepositoryPortContract;
import ai.aegis.application.port.out.IterationEventRepositoryPort;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.iteration.IterationEventKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The iteration event contract against PostgreSQL. Events belong to a stored execution of the same
 * tenant (a foreign key), so each test starts from executions {@code exec-1} and {@code exec-2} of
 * tenant A, the ids the contract appends to.
 */
class IterationEventPersistenceAdapterTest extends IterationEventRepositoryPortContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    protected IterationEventRepositoryPort newRepository() {
        DATABASE.persistence().jdbi().useHandle(h -> h.execute("TRUNCATE iteration_event, execution CASCADE"));
        ExecutionPersistenceAdapter executions = new ExecutionPersistenceAdapter(DATABASE.persistence().jdbi());
        executions.insertRoot(ExecutionTestTrees.root(ContractFixtures.TENANT_A, "exec-1", "conv-1", 3).root());
        executions.insertRoot(ExecutionTestTrees.root(ContractFixtures.TENANT_A, "exec-2", "conv-2", 3).root());
        return new IterationEventPersistenceAdapter(DATABASE.persistence().jdbi());
    }

    @Test
    void append_unknownExecution_notFound() {
        IterationEventRepositoryPort repository = newRepository();

        assertThatThrownBy(() -> repository.append(ContractFixtures.TENANT_A, IterationEvent.of(ExecutionId.of("exec-9"),
                IterationEventKind.ATTEMPT_STARTED, 1, 5, NOW, null)))
                .isInstanceOf(NotFoundException.class)
                .hasFieldOrPropertyWithValue("code", "execution.not_found");
    }

    @Test
    void append_everyKindWithAndWithoutDetail_readsBackEqualWithItsSentenceStored() {
        IterationEventRepositoryPort repository = newRepository();
        ExecutionId id = ExecutionId.of("exec-1");
        int iteration = 0;
        for (IterationEventKind kind : IterationEventKind.values()) {
            repository.append(ContractFixtures.TENANT_A, IterationEvent.of(id, kind, iteration, 10,
                    NOW.plusMillis(iteration), null));
            repository.append(ContractFixtures.TENANT_A, IterationEvent.of(id, kind, iteration, 10,
                    NOW.plusNanos(1_000 * iteration), "the failing import of 'json' — café"));
            iteration++;
        }

        var events = repository.listByExecution(ContractFixtures.TENANT_A, id);

        assertThat(events).hasSize(2 * IterationEventKind.values().length);
        assertThat(events).extracting(IterationEvent::kind).startsWith(IterationEventKind.ATTEMPT_STARTED,
                IterationEventKind.ATTEMPT_STARTED, IterationEventKind.VALIDATION_FAILED);
        assertThat(events.get(1).detail()).contains("the failing import of 'json' — café");
        var sentences = DATABASE.persistence().jdbi().withHandle(h -> h.createQuery(
                "SELECT sentence FROM iteration_event ORDER BY seq").mapTo(String.class).list());
        assertThat(sentences).containsExactlyElementsOf(events.stream().map(IterationEvent::sentence).toList());
    }
}
