package ai.aegis.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.out.ExecutionTaskPort;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionOutput;
import ai.aegis.domain.execution.TaskSpec;
import ai.aegis.domain.identity.TenantId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link ExecutionTaskPort} adapter shares. */
public abstract class ExecutionTaskPortContract {

    protected static final TenantId ACME = TenantId.of("acme-labs");
    protected static final TenantId GLOBEX = TenantId.of("globex");

    private ExecutionTaskPort port;

    /** A fresh, empty port in which the executions returned by {@link #rootIn} exist. */
    protected abstract ExecutionTaskPort newExecutionTaskPort();

    /** A root execution of the tenant the adapter may attach a task to. */
    protected abstract ExecutionId rootIn(TenantId tenant);

    @BeforeEach
    void setUpPort() {
        port = newExecutionTaskPort();
    }

    @Test
    void find_savedFullTask_returnsEveryField() {
        ExecutionId root = rootIn(ACME);
        TaskSpec task = new TaskSpec("Print hello", Optional.of("print(\"hello\")"), Optional.of("python3"),
                Optional.of("hello"), Optional.of(0), Optional.of("greeter"), Optional.of("{\"name\": \"Ada\"}"));

        port.save(ACME, root, task);

        assertThat(port.find(ACME, root)).contains(task);
    }

    @Test
    void find_instructionsOnly_optionalFieldsEmpty() {
        ExecutionId root = rootIn(ACME);

        port.save(ACME, root, TaskSpec.instructions("Summarise the report"));

        assertThat(port.find(ACME, root)).contains(TaskSpec.instructions("Summarise the report"));
    }

    @Test
    void find_otherTenant_empty() {
        ExecutionId root = rootIn(ACME);
        port.save(ACME, root, TaskSpec.instructions("Print hello"));

        assertThat(port.find(GLOBEX, root)).isEmpty();
    }

    @Test
    void find_noTask_empty() {
        assertThat(port.find(ACME, rootIn(ACME))).isEmpty();
    }

    @Test
    void save_secondTaskForSameExecution_refusedKeepingFirst() {
        ExecutionId root = rootIn(ACME);
        port.save(ACME, root, TaskSpec.instructions("first"));

        assertThatThrownBy(() -> port.save(ACME, root, TaskSpec.instructions("second")))
                .isInstanceOf(AlreadyExistsException.class);
        assertThat(port.find(ACME, root)).contains(TaskSpec.instructions("first"));
    }

    @Test
    void findOutput_saved_returnsEveryField() {
        ExecutionId root = rootIn(ACME);
        ExecutionOutput output = ExecutionOutput.of("42\n", "warning: slow\n", 0, false, List.of("result.csv", "plots/a.png"),
                java.util.Map.of("result.csv", "a,b\n1,\"two\"\n"));

        port.saveOutput(ACME, root, output);

        assertThat(port.findOutput(ACME, root)).contains(output);
        assertThat(port.findOutput(GLOBEX, root)).isEmpty();
    }

    @Test
    void findOutput_nothingReported_empty() {
        assertThat(port.findOutput(ACME, rootIn(ACME))).isEmpty();
    }

    @Test
    void saveOutput_twice_refusedKeepingFirst() {
        ExecutionId root = rootIn(ACME);
        ExecutionOutput first = ExecutionOutput.of("first", "", 0, false, List.of());
        port.saveOutput(ACME, root, first);

        assertThatThrownBy(() -> port.saveOutput(ACME, root, ExecutionOutput.of("second", "", 1, false, List.of())))
                .isInstanceOf(AlreadyExistsException.class);
        assertThat(port.findOutput(ACME, root)).contains(first);
    }
}
