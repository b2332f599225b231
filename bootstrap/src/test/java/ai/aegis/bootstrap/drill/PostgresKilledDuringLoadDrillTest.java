package ai.aegis.bootstrap.drill;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.adapters.grpc.node.GrpcNodeClient;
import ai.aegis.adapters.grpc.node.NodeExecution;
import ai.aegis.adapters.persistence.ExecutionPersistenceAdapter;
import ai.aegis.adapters.persistence.LimitOverridesPersistenceAdapter;
import ai.aegis.bootstrap.DrillServer;
import ai.aegis.bootstrap.McpHttp;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.error.UnavailableException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.execution.NewRoot;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.node.NodeId;
import ai.aegis.domain.seal.SealAgentKey;
import ai.aegis.domain.security.BuiltInContexts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault drill: the PostgreSQL under a running {@code aegis serve} is killed (SIGKILL of the postmaster)
 * while nodes spawn, claim, begin and complete executions over gRPC from several threads, stays down
 * for a moment, and comes back on the same data directory and port. The instance is not restarted.
 *
 * <p>What must hold: calls during the outage fail with a plain refusal (a domain error, no SQL, no
 * driver or stack text); after the restart calls succeed again; every spawn the database kept has
 * exactly one "allowed" audit row (the work and its record are one transaction) and every spawn the
 * client saw succeed was kept; no execution is left Running without a live lease once the sweeper ran,
 * and the live node's root survives. The node heartbeats on its own loop, as a real node does; the lease
 * (10 s) outlasts the outage: heartbeats refused during an outage count as missed, so an outage longer
 * than the lease fails the work of live nodes when the database returns (seen with a 5 s lease).
 */
class PostgresKilledDuringLoadDrillTest {

    private static final String NODE_TOKEN = "drill-node-token-0123456789";
    // Longer than the outage (kill, 2 s down, crash recovery): see the class comment.
    private static final int LEASE_SECONDS = 10;
    private static final TenantId TENANT = TenantId.consumer(UUID.fromString("2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f"));

    @TempDir
    Path scratch;

    /** A tool that reads the caller's executions from PostgreSQL. */
    private static final String TOOLS_CALL = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"aegis.task.list\",\"arguments\":{}}}";

    private enum Phase { BEFORE, OUTAGE, AFTER }

    private record Outcome(Phase phase, String call, Optional<ExecutionId> spawned, Optional<Throwable> error) {
    }

    @Test
    void postgresKilledMidLoad_outageErrorsPlain_recoversWithoutRestart_auditExact_noOrphanRunning() throws Exception {
        Path pgData = scratch.resolve("pg");
        EmbeddedPostgres first = durable(pgData).start();
        int port = first.getPort();
        String url = first.getJdbcUrl("postgres", "postgres");
        AtomicReference<EmbeddedPostgres> postgres = new AtomicReference<>(first);
        AtomicReference<Phase> phase = new AtomicReference<>(Phase.BEFORE);
        AtomicBoolean loading = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        ExecutorService load = Executors.newFixedThreadPool(5);
        Map<String, String> env = Map.of("AEGIS_NODE_TOKEN", NODE_TOKEN,
                "AEGIS_NODE_LEASE_SECONDS", Integer.toString(LEASE_SECONDS));
        try (DrillServer server = DrillServer.external(scratch.resolve("serve"), url, "postgres", "", env);
             GrpcNodeClient node = GrpcNodeClient.connect("127.0.0.1", server.grpcPort(), NodeId.of("drill-node"),
                     NODE_TOKEN)) {
            Jdbi owner = Jdbi.create(url, "postgres", "");
            new LimitOverridesPersistenceAdapter(owner).setTenant(TENANT,
                    LimitOverrides.none().withMaxConcurrentExecutions(CountLimit.unlimited()));
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            ExecutionId rootId = ExecutionId.of("exec-drill-pg-kill");
            new ExecutionPersistenceAdapter(owner).insertRoot(
                    ExecutionTree.startRoot(new NewRoot(rootId, TENANT, "alice", ConversationId.of("conv-drill-pg"),
                            BuiltInContexts.AGENT_RUNTIME, now.plus(Duration.ofMinutes(30)), 512L * 1024 * 1024, 5),
                            Optional.empty(), now).root());
            node.register(8, Map.of(), Set.of("python:3.12"), Set.of());
            assertThat(node.claim(1)).extracting(NodeExecution::id).containsExactly(rootId);
            SealAgentKey key = agentKey();
            GrpcNodeClient.ForExecution root = node.begin(rootId, key);

            for (int t = 0; t < 2; t++) {
                load.submit(() -> {
                    while (loading.get()) {
                        Phase at = phase.get();
                        try {
                            NodeExecution child = root.spawn(Optional.empty(), Optional.empty(), OptionalLong.empty(),
                                    OptionalInt.of(2));
                            outcomes.add(new Outcome(at, "spawn", Optional.of(child.id()), Optional.empty()));
                        } catch (RuntimeException e) {
                            outcomes.add(new Outcome(at, "spawn", Optional.empty(), Optional.of(e)));
                        }
                        pause();
                    }
                });
            }
            load.submit(() -> {
                while (loading.get()) {
                    Phase at = phase.get();
                    try {
                        for (NodeExecution claimed : node.claim(2)) {
                            node.begin(claimed.id(), key).complete(Optional.of("done"));
                        }
                        outcomes.add(new Outcome(at, "node", Optional.empty(), Optional.empty()));
                    } catch (RuntimeException e) {
                        outcomes.add(new Outcome(at, "node", Optional.empty(), Optional.of(e)));
                    }
                    pause();
                }
            });

            load.submit(() -> {
                while (loading.get()) {
                    Phase at = phase.get();
                    try {
                        node.heartbeat();
                        outcomes.add(new Outcome(at, "heartbeat", Optional.empty(), Optional.empty()));
                    } catch (RuntimeException e) {
                        outcomes.add(new Outcome(at, "heartbeat", Optional.empty(), Optional.of(e)));
                    }
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
            String token = server.consumerToken(ZaruTier.PRO, "alice", TENANT);
            String base = "http://127.0.0.1:" + server.httpPort();
            HttpClient http = HttpClient.newHttpClient();
            String session = McpHttp.open(http, base, token, "drill");
            load.submit(() -> {
                int id = 10;
                while (loading.get()) {
                    Phase at = phase.get();
                    try {
                        HttpResponse<String> answer = http.send(McpHttp.post(base, token, session, String.format(TOOLS_CALL, id++)),
                                HttpResponse.BodyHandlers.ofString());
                        boolean failed = answer.statusCode() != 200 || answer.body().contains("\"isError\":true")
                                || answer.body().contains("\"error\"");
                        outcomes.add(new Outcome(at, "mcp", Optional.empty(), failed
                                ? Optional.of(new McpRefusal(answer.statusCode(), answer.body())) : Optional.empty()));
                    } catch (IOException e) {
                        outcomes.add(new Outcome(at, "mcp", Optional.empty(), Optional.of(e)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    pause();
                }
            });

            Thread.sleep(1_500);
            phase.set(Phase.OUTAGE);
            killHard(pgData, postgres.get());
            Thread.sleep(2_000);
            postgres.set(durable(pgData).setPort(port).start());
            phase.set(Phase.AFTER);
            Thread.sleep(4_000);
            loading.set(false);
            load.shutdown();
            assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            List<Outcome> all = new ArrayList<>(outcomes);
            // A call that started just before the kill may still fail, so only successes are required here.
            assertThat(all).as("calls before the kill").filteredOn(o -> o.phase() == Phase.BEFORE && o.error().isEmpty())
                    .isNotEmpty();
            assertThat(all).as("the outage was felt").filteredOn(o -> o.error().isPresent()).isNotEmpty();
            assertThat(all).as("MCP calls felt the outage").filteredOn(o -> o.call().equals("mcp") && o.error().isPresent())
                    .isNotEmpty();
            assertThat(all).filteredOn(o -> o.call().equals("mcp") && o.error().isPresent()).allSatisfy(o -> {
                assertThat(o.error().orElseThrow()).as("an answer, not a broken connection").isInstanceOf(McpRefusal.class);
                McpRefusal refusal = (McpRefusal) o.error().orElseThrow();
                assertThat(refusal.status()).isIn(200, 503);
                assertThat(refusal.body()).contains("the database is not reachable right now");
                assertThat(refusal.body()).doesNotContainIgnoringCase("sql").doesNotContainIgnoringCase("jdbc")
                        .doesNotContainIgnoringCase("postgres").doesNotContain("Exception").doesNotContain("\tat ");
            });
            assertThat(all).filteredOn(o -> !o.call().equals("mcp") && o.error().isPresent()).allSatisfy(o -> {
                Throwable error = o.error().orElseThrow();
                assertThat(error).isInstanceOf(UnavailableException.class);
                assertThat(error.getMessage()).isNotBlank()
                        .doesNotContainIgnoringCase("sql").doesNotContainIgnoringCase("jdbc")
                        .doesNotContainIgnoringCase("postgres").doesNotContain("Exception").doesNotContain("\tat ");
            });
            // Recovered without restarting aegis serve: the tail of the run succeeds for both kinds of call.
            for (String call : List.of("spawn", "node", "heartbeat", "mcp")) {
                List<Outcome> after = all.stream().filter(o -> o.phase() == Phase.AFTER && o.call().equals(call)).toList();
                assertThat(after).as(call + " calls after the restart").isNotEmpty();
                assertThat(after.get(after.size() - 1).error()).as("last " + call + " call after the restart").isEmpty();
            }

            long succeeded = all.stream().filter(o -> o.spawned().isPresent()).count();
            long failedSpawns = all.stream().filter(o -> o.call().equals("spawn") && o.error().isPresent()).count();
            long kept = owner.withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM execution WHERE tenant_id = :t AND parent_id = :p")
                    .bind("t", TENANT.value()).bind("p", rootId.value()).mapTo(Long.class).one());
            long audited = owner.withHandle(h -> h.createQuery("""
                    SELECT count(*) FROM audit_log WHERE tenant_id = :t AND action = 'execution.spawn_child'
                    AND decision = 'allowed'""").bind("t", TENANT.value()).mapTo(Long.class).one());
            assertThat(audited).as("one allowed audit row per kept spawn").isEqualTo(kept);
            assertThat(kept).as("every spawn the client saw succeed was kept")
                    .isBetween(succeeded, succeeded + failedSpawns);
            List<String> spawnedIds = all.stream().flatMap(o -> o.spawned().stream()).map(ExecutionId::value).toList();
            List<String> stored = owner.withHandle(h -> h.createQuery(
                    "SELECT id FROM execution WHERE tenant_id = :t AND parent_id = :p")
                    .bind("t", TENANT.value()).bind("p", rootId.value()).mapTo(String.class).list());
            assertThat(stored).containsAll(spawnedIds);

            // One sweep period past the lease: nothing may be Running without a live lease.
            // The node stays alive meanwhile (heartbeats), so only truly abandoned work could be swept.
            for (int second = 0; second < LEASE_SECONDS + 2; second++) {
                node.heartbeat();
                Thread.sleep(1_000);
            }
            long orphans = owner.withHandle(h -> h.createQuery("""
                    SELECT count(*) FROM execution e WHERE e.status = 'RUNNING' AND NOT EXISTS (
                      SELECT 1 FROM execution_assignment a WHERE a.execution_id = e.id AND a.lease_expires_at > now())""")
                    .mapTo(Long.class).one());
            assertThat(root.get().status()).as("an outage shorter than the lease does not end the live node's work")
                    .isEqualTo(ExecutionStatus.RUNNING);
            assertThat(orphans).as("executions Running without a live node lease").isZero();
        } finally {
            loading.set(false);
            load.shutdownNow();
            postgres.get().close();
        }
    }

    /**
     * A standalone PostgreSQL keeping its data across a crash: the library's defaults (fsync and
     * synchronous_commit off) lose acknowledged commits on SIGKILL, which a production server never does.
     */
    private static EmbeddedPostgres.Builder durable(Path pgData) {
        return EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on");
    }

    /** An MCP call the server answered with an error (HTTP status and body as the client got them). */
    private static final class McpRefusal extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String body;

        McpRefusal(int status, String body) {
            super("HTTP " + status + ": " + body);
            this.status = status;
            this.body = body;
        }

        int status() {
            return status;
        }

        String body() {
            return body;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL of the postmaster named in postmaster.pid; its backends exit when they notice it is gone. */
    private static void killHard(Path pgData, EmbeddedPostgres running) throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> backends = postmaster.children().toList();
        postmaster.destroyForcibly();
        postmaster.onExit().join();
        for (ProcessHandle backend : backends) {
            backend.destroyForcibly();
            backend.onExit().join();
        }
        // Only releases the library's lock on the data directory (its stop finds no server to stop).
        running.close();
    }

    private static SealAgentKey agentKey() throws Exception {
        return SealAgentKey.fromPublicKey(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic());
    }
}
