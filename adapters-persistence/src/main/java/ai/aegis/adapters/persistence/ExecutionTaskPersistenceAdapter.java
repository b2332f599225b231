package ai.aegis.adapters.persistence;

import ai.aegis.application.port.out.ExecutionTaskPort;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionOutput;
import ai.aegis.domain.execution.TaskSpec;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.seal.CanonicalJson;
import ai.aegis.domain.seal.JsonValue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Execution tasks and outputs in PostgreSQL ({@code execution_task}, {@code execution_output}). A save inside an open unit of work on the
 * same Jdbi joins it, so an execution and its task commit or roll back together.
 */
public final class ExecutionTaskPersistenceAdapter implements ExecutionTaskPort {

    private static final String UNIQUE_VIOLATION = "23505";

    private final TenantTransactions transactions;

    public ExecutionTaskPersistenceAdapter(Jdbi jdbi) {
        this.transactions = new TenantTransactions(Objects.requireNonNull(jdbi, "jdbi"));
    }

    @Override
    public void save(TenantId tenant, ExecutionId execution, TaskSpec task) {
        try {
            transactions.inTenant(tenant, handle -> handle.createUpdate("""
                            INSERT INTO execution_task (tenant_id, execution_id, instructions, code, runtime,
                                                        expected_output, expected_exit_code, agent, input)
                            VALUES (:tenant, :execution, :instructions, :code, :runtime, :expectedOutput,
                                    :expectedExitCode, :agent, :input)""")
                    .bind("tenant", tenant.value())
                    .bind("execution", execution.value())
                    .bind("instructions", task.instructions())
                    .bind("code", task.code().orElse(null))
                    .bind("runtime", task.runtime().orElse(null))
                    .bind("expectedOutput", task.expectedOutput().orElse(null))
                    .bind("expectedExitCode", task.expectedExitCode().orElse(null))
                    .bind("agent", task.agent().orElse(null))
                    .bind("input", task.input().orElse(null))
                    .execute());
        } catch (UnableToExecuteStatementException e) {
            if (SqlStates.is(e, UNIQUE_VIOLATION)) {
                throw new AlreadyExistsException("execution.task_exists", "execution " + execution
                        + " already has a task; a task is written once");
            }
            throw e;
        }
    }

    @Override
    public Optional<TaskSpec> find(TenantId tenant, ExecutionId execution) {
        return transactions.inTenant(tenant, handle -> handle.createQuery("""
                        SELECT instructions, code, runtime, expected_output, expected_exit_code, agent, input
                        FROM execution_task WHERE tenant_id = :tenant AND execution_id = :execution""")
                .bind("tenant", tenant.value())
                .bind("execution", execution.value())
                .map((rs, ctx) -> task(rs))
                .findOne());
    }

    @Override
    public void saveOutput(TenantId tenant, ExecutionId execution, ExecutionOutput output) {
        try {
            transactions.inTenant(tenant, handle -> handle.createUpdate("""
                            INSERT INTO execution_output (tenant_id, execution_id, stdout, stderr, exit_code, truncated, files, texts)
                            VALUES (:tenant, :execution, :stdout, :stderr, :exitCode, :truncated, :files,
                                    CAST(:texts AS jsonb))""")
                    .bind("tenant", tenant.value())
                    .bind("execution", execution.value())
                    .bind("stdout", output.stdout())
                    .bind("stderr", output.stderr())
                    .bind("exitCode", output.exitCode())
                    .bind("truncated", output.truncated())
                    .bindArray("files", String.class, output.files())
                    .bind("texts", textsJson(output.texts()))
                    .execute());
        } catch (UnableToExecuteStatementException e) {
            if (SqlStates.is(e, UNIQUE_VIOLATION)) {
                throw new AlreadyExistsException("execution.output_exists", "execution " + execution
                        + " already has an output; it is written once, when the execution ends");
            }
            throw e;
        }
    }

    @Override
    public Optional<ExecutionOutput> findOutput(TenantId tenant, ExecutionId execution) {
        return transactions.inTenant(tenant, handle -> handle.createQuery("""
                        SELECT stdout, stderr, exit_code, truncated, files, texts::text AS texts
                        FROM execution_output WHERE tenant_id = :tenant AND execution_id = :execution""")
                .bind("tenant", tenant.value())
                .bind("execution", execution.value())
                .map((rs, ctx) -> new ExecutionOutput(rs.getString("stdout"), rs.getString("stderr"),
                        rs.getInt("exit_code"), rs.getBoolean("truncated"),
                        List.of((String[]) rs.getArray("files").getArray()), texts(rs.getString("texts"))))
                .findOne());
    }

    private static String textsJson(Map<String, String> texts) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        texts.forEach((name, text) -> members.put(name, new JsonValue.JsonString(text)));
        return CanonicalJson.serialize(new JsonValue.JsonObject(members));
    }

    private static Map<String, String> texts(String json) {
        Map<String, String> texts = new LinkedHashMap<>();
        ((JsonValue.JsonObject) CanonicalJson.parse(json)).members().forEach((name, value) ->
                texts.put(name, ((JsonValue.JsonString) value).value()));
        return texts;
    }

    private static TaskSpec task(ResultSet rs) throws SQLException {
        int exitCode = rs.getInt("expected_exit_code");
        Optional<Integer> expectedExitCode = rs.wasNull() ? Optional.empty() : Optional.of(exitCode);
        return new TaskSpec(rs.getString("instructions"), Optional.ofNullable(rs.getString("code")),
                Optional.ofNullable(rs.getString("runtime")), Optional.ofNullable(rs.getString("expected_output")),
                expectedExitCode, Optional.ofNullable(rs.getString("agent")), Optional.ofNullable(rs.getString("input")));
    }
}
