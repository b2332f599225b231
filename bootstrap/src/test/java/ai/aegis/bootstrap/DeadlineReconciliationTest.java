package ai.aegis.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.adapters.persistence.ExecutionPersistenceAdapter;
import ai.aegis.adapters.persistence.PostgresPersistence;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.execution.NewRoot;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.security.BuiltInContexts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an instance that died left running past its deadline is timed out when the service starts
 * again: the service enforces deadlines itself.
 */
class DeadlineReconciliationTest {

    private static final TenantId TENANT = TenantId.consumer(UUID.fromString("3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"));

    @TempDir
    Path dataDirectory;

    @Test
    void start_withAnExecutionLeftRunningPastItsDeadline_timesItOut() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (Database database = Database.embedded(DataDirectory.prepare(dataDirectory));
             PostgresPersistence persistence = Migrations.open(database)) {
            ExecutionTree tree = ExecutionTree.startRoot(new NewRoot(ExecutionId.of("exec-left-behind"), TENANT, "alice",
                    ConversationId.of("conv-1"), BuiltInContexts.AGENT_RUNTIME, now.minus(Duration.ofMinutes(1)),
                    512L * 1024 * 1024, 5), Optional.empty(), now.minus(Duration.ofMinutes(10)));
            new ExecutionPersistenceAdapter(persistence.jdbi()).insertRoot(tree.root());
        }

        try (AegisServer server = AegisServer.start(ServerSettings.local("127.0.0.1", 0, 0, dataDirectory),
                IdentitySettings.fromEnvironment(Map.of()))) {
            ExecutionPersistenceAdapter executions = new ExecutionPersistenceAdapter(
                    org.jdbi.v3.core.Jdbi.create(server.databaseSettings().url(), "postgres", ""));
            ExecutionStatus status = null;
            for (int i = 0; i < 100 && status != ExecutionStatus.TIMED_OUT; i++) {
                status = executions.loadTree(TENANT, ExecutionId.of("exec-left-behind"), ExecutionTree.DEFAULT_MAX_DEPTH)
                        .map(ExecutionTree::root).map(Execution::status).orElseThrow();
                Thread.sleep(100);
            }

            assertThat(status).isEqualTo(ExecutionStatus.TIMED_OUT);
        }
    }
}
