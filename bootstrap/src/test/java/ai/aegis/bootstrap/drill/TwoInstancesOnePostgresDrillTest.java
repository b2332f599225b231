package ai.aegis.bootstrap.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.adapters.grpc.node.GrpcNodeClient;
import ai.aegis.adapters.grpc.node.NodeExecution;
import ai.aegis.adapters.grpc.node.NodeExecutionEvent;
import ai.aegis.adapters.persistence.ExecutionPersistenceAdapter;
import ai.aegis.adapters.persistence.LimitOverridesPersistenceAdapter;
import ai.aegis.bootstrap.DrillServer;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.execution.NewRoot;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEventKind;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.node.NodeId;
import ai.aegis.domain.seal.SealAgentKey;
import ai.aegis.domain.security.BuiltInContexts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault drill: two {@code aegis serve} instances (each its own HTTP and gRPC ports) on one PostgreSQL,
 * no balancer, the client picks. The concurrency cap is exact across both, an iteration reported on
 * one is seen by a watcher on the other, and a cancel sent to one ends the tree watched on the other.
 */
class TwoInstancesOnePostgresDrillTest {

    private static final String NODE_TOKEN = "drill-node-token-0123456789";
    private static final TenantId TENANT = TenantId.consumer(UUID.fromString("1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e"));
    private static final int MAX_ACTIVE = 4;
    private static final int SPAWNS = 12;

    @TempDir
    Path scratch;

    @Test
    void twoInstances_spawnsSplitAcrossBoth_capExact_eventsAndCancelCrossInstances() throws Exception {
        Map<String, String> env = Map.of("AEGIS_NODE_TOKEN", NODE_TOKEN);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(scratch.resolve("pg")).setCleanDataDirectory(true).start();
             DrillServer a = DrillServer.external(scratch.resolve("a"), postgres.getJdbcUrl("postgres", "postgres"),
                     "postgres", "", env);
             DrillServer b = DrillServer.external(scratch.resolve("b"), postgres.getJdbcUrl("postgres", "postgres"),
                     "postgres", "", env);
             GrpcNodeClient onA = GrpcNodeClient.connect("127.0.0.1", a.grpcPort(), NodeId.of("drill-node"), NODE_TOKEN);
             GrpcNodeClient onB = GrpcNodeClient.connect("127.0.0.1", b.grpcPort(), NodeId.of("drill-node"), NODE_TOKEN)) {
            assertThat(a.grpcPort()).isNotEqualTo(b.grpcPort());
            Jdbi owner = Jdbi.create(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
            new LimitOverridesPersistenceAdapter(owner).setTenant(TENANT,
                    LimitOverrides.none().withMaxConcurrentExecutions(CountLimit.of(MAX_ACTIVE)));
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            ExecutionId rootId = ExecutionId.of("exec-drill-two-instances");
            new ExecutionPersistenceAdapter(owner).insertRoot(
                    ExecutionTree.startRoot(new NewRoot(rootId, TENANT, "alice", ConversationId.of("conv-drill-two"),
                            BuiltInContexts.AGENT_RUNTIME, now.plus(Duration.ofMinutes(30)), 512L * 1024 * 1024, 5),
                            Optional.empty(), now).root());

            onA.register(4, Map.of(), Set.of("python:3.12"), Set.of());
            assertThat(onA.claim(1)).extracting(NodeExecution::id).containsExactly(rootId);
            SealAgentKey key = agentKey();
            GrpcNodeClient.ForExecution rootOnA = onA.begin(rootId, key);
            GrpcNodeClient.ForExecution rootOnB = onB.begin(rootId, key);

            List<NodeExecutionEvent> seenOnB = new CopyOnWriteArrayList<>();
            CountDownLatch sentenceOnB = new CountDownLatch(1);
            CountDownLatch cancelledOnB = new CountDownLatch(1);
            AutoCloseable watch = rootOnB.watch(event -> {
                seenOnB.add(event);
                if (event.executionId().equals(rootId) && event.sentence().isPresent()) {
                    sentenceOnB.countDown();
                }
                if (event.executionId().equals(rootId) && event.to().orElse(null) == ExecutionStatus.CANCELLED) {
                    cancelledOnB.countDown();
                }
            }, end -> { });

            List<Future<NodeExecution>> spawns = new ArrayList<>();
            for (int i = 0; i < SPAWNS; i++) {
                GrpcNodeClient.ForExecution via = i % 2 == 0 ? rootOnA : rootOnB;
                Callable<NodeExecution> spawn = () -> via.spawn(Optional.empty(), Optional.empty(), OptionalLong.empty(),
                        OptionalInt.of(2));
                spawns.add(callers.submit(spawn));
            }
            List<NodeExecution> admitted = new ArrayList<>();
            List<Throwable> refused = new ArrayList<>();
            for (Future<NodeExecution> spawn : spawns) {
                try {
                    admitted.add(spawn.get(60, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    refused.add(e.getCause());
                }
            }
            assertThat(admitted).as("the root plus exactly the cap's remaining children").hasSize(MAX_ACTIVE - 1);
            assertThat(refused).hasSize(SPAWNS - (MAX_ACTIVE - 1)).allSatisfy(refusal -> assertThat(refusal)
                    .isInstanceOfSatisfying(LimitExceededException.class,
                            e -> assertThat(e.getMessage()).contains("your plan allows " + MAX_ACTIVE)));

            rootOnA.report(IterationEventKind.VALIDATION_FAILED, Optional.of("the import"));
            assertThat(sentenceOnB.await(20, TimeUnit.SECONDS)).as("an iteration reported on A reaches a watcher on B")
                    .isTrue();

            rootOnA.cancel();
            assertThat(cancelledOnB.await(20, TimeUnit.SECONDS)).as("a cancel sent to A reaches the watcher on B")
                    .isTrue();
            // The cascade's events may reach B after the root's own.
            Set<ExecutionId> children = admitted.stream().map(NodeExecution::id).collect(Collectors.toSet());
            Instant giveUp = Instant.now().plusSeconds(20);
            while (!cancelledOn(seenOnB).containsAll(children) && Instant.now().isBefore(giveUp)) {
                Thread.sleep(50);
            }
            watch.close();
            assertThat(cancelledOn(seenOnB)).as("the cascade to every child reaches the watcher on B")
                    .containsAll(children);
            assertThatThrownBy(rootOnB::get).as("the cancelled root's token is refused by B too")
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("seal.token_revoked"));
        } finally {
            callers.shutdownNow();
        }
    }

    private static Set<ExecutionId> cancelledOn(List<NodeExecutionEvent> seen) {
        return seen.stream().filter(event -> event.to().orElse(null) == ExecutionStatus.CANCELLED)
                .map(NodeExecutionEvent::executionId).collect(Collectors.toSet());
    }

    private static SealAgentKey agentKey() throws Exception {
        return SealAgentKey.fromPublicKey(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic());
    }
}
