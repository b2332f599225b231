package ai.aegis.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.adapters.identity.DevelopmentIdentityProvider;
import ai.aegis.adapters.persistence.AuditLogPersistenceAdapter;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault drill: PostgreSQL is killed (SIGKILL to the postmaster) while callers make audited tool calls
 * and start executions, then restarted on the same data and port without restarting the service.
 * During the outage callers get clear errors (no SQL, no driver or exception text); afterwards calls
 * succeed again on their own; the audit trail has no gap, duplicate or broken link and holds a row
 * for every call a caller saw allowed; and no execution is left unfinished.
 */
class DatabaseOutageDrillTest {

    @TempDir
    Path directory;

    @Test
    void postgresKilledUnderLoadThenRestarted_clearErrorsThenRecoveryWithAnIntactAuditTrail() throws Exception {
        int port = freePort();
        Path data = directory.resolve("pg");
        EmbeddedPostgres postgres = startPostgres(data, port);
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        TenantId tenant = TenantId.consumer(UUID.randomUUID());
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger succeeded = new AtomicInteger();
        AtomicBoolean afterRestart = new AtomicBoolean();
        AtomicInteger succeededAfterRestart = new AtomicInteger();
        List<String> started = java.util.Collections.synchronizedList(new ArrayList<>());
        try (AegisServer server = AegisServer.start(new ServerSettings("127.0.0.1", 0, 0, directory.resolve("aegis"),
                        url, "postgres", null, null, List.of(), true),
                IdentitySettings.fromEnvironment(Map.of()), Map.of("AEGIS_NODE_LEASE_SECONDS", "5"))) {
            DevelopmentIdentityProvider idp = IdentityModule.existingDevelopmentProvider(
                    DataDirectory.prepare(directory.resolve("aegis")), Clock.systemUTC());
            String token = idp.mintConsumer(ZaruTier.ENTERPRISE, ZaruUserId.of("outage-user"), tenant,
                    Duration.ofMinutes(10)).reveal();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService load = Executors.newFixedThreadPool(3);
            for (int i = 0; i < 2; i++) {
                load.execute(() -> {
                    McpSyncClient client = InServe.client(server, token);
                    while (running.get()) {
                        try {
                            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(
                                    "aegis.tools.list", Map.of("family", "task")));
                            if (Boolean.TRUE.equals(result.isError())) {
                                failures.add(String.valueOf(InServe.structured(result).get("message")));
                            } else {
                                succeeded.incrementAndGet();
                                if (afterRestart.get()) {
                                    succeededAfterRestart.incrementAndGet();
                                }
                            }
                        } catch (RuntimeException transport) {
                            failures.add(String.valueOf(transport.getMessage()));
                            pause(100);
                        }
                    }
                    InServe.closeQuietly(client);
                });
            }
            load.execute(() -> {
                while (running.get()) {
                    try {
                        McpSyncClient client = InServe.client(server, token);
                        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("aegis.task.execute",
                                Map.of("task", "Print hello", "code", "print('hello')", "runtime", "python")));
                        if (!Boolean.TRUE.equals(result.isError())) {
                            started.add((String) InServe.structured(result).get("execution_id"));
                        } else {
                            failures.add(String.valueOf(InServe.structured(result).get("message")));
                        }
                        InServe.closeQuietly(client);
                    } catch (RuntimeException transport) {
                        failures.add(String.valueOf(transport.getMessage()));
                    }
                    pause(300);
                }
            });

            pause(2_000);
            int beforeOutage = succeeded.get();
            kill(data);
            closeQuietly(postgres);
            pause(2_000);
            int failedDuringOutage = failures.size();
            postgres = startPostgres(data, port);
            afterRestart.set(true);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (succeededAfterRestart.get() < 20 && System.nanoTime() < deadline) {
                pause(200);
            }
            running.set(false);
            load.shutdown();
            assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            assertThat(beforeOutage).as("calls succeeded before the outage").isPositive();
            assertThat(failedDuringOutage).as("calls during the outage failed").isPositive();
            assertThat(succeededAfterRestart.get()).as("calls succeed again without restarting the service")
                    .isGreaterThanOrEqualTo(20);
            assertThat(failures).allSatisfy(message -> assertThat(message)
                    .doesNotContainIgnoringCase("sql").doesNotContain("org.postgresql").doesNotContain("Exception")
                    .doesNotContain("\tat "));
            assertThat(failures).anySatisfy(message -> assertThat(message).containsIgnoringCase("database"));

            Jdbi owner = Jdbi.create(url, "postgres", "");
            AuditLogPersistenceAdapter audit = new AuditLogPersistenceAdapter(owner);
            assertThat(audit.firstBrokenLink(tenant)).as("the tenant's audit hash chain").isEmpty();
            Map<String, Object> rows = owner.withHandle(handle -> handle.createQuery("""
                            SELECT count(*) AS total, count(DISTINCT seq) AS distinct_seq, min(seq) AS first,
                                   max(seq) AS last,
                                   count(*) FILTER (WHERE action = 'tool.call' AND decision = 'allowed') AS allowed
                            FROM audit_log WHERE tenant_id = :tenant""")
                    .bind("tenant", tenant.value()).mapToMap().one());
            long total = ((Number) rows.get("total")).longValue();
            assertThat(((Number) rows.get("distinct_seq")).longValue()).isEqualTo(total);
            assertThat(((Number) rows.get("last")).longValue() - ((Number) rows.get("first")).longValue() + 1)
                    .as("no gap in the chain").isEqualTo(total);
            assertThat(((Number) rows.get("allowed")).longValue()).as("a row for every call a caller saw allowed")
                    .isGreaterThanOrEqualTo(succeeded.get());

            assertThat(started).isNotEmpty();
            long unfinished = 0;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            do {
                unfinished = owner.withHandle(handle -> handle.createQuery(
                                "SELECT count(*) FROM execution WHERE tenant_id = :tenant AND status IN ('pending', 'running')")
                        .bind("tenant", tenant.value()).mapTo(Long.class).one());
                if (unfinished > 0) {
                    pause(500);
                }
            } while (unfinished > 0 && System.nanoTime() < until);
            assertThat(unfinished).as("executions left pending or running after the outage").isZero();
        } finally {
            postgres.close();
        }
    }

    private static EmbeddedPostgres startPostgres(Path data, int port) throws IOException {
        IOException last = null;
        // After a SIGKILL the old server's processes may hold its shared memory for a moment.
        for (int attempt = 0; attempt < 30; attempt++) {
            try {
                return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                        .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").start();
            } catch (IOException | IllegalStateException e) {
                last = e instanceof IOException io ? io : new IOException(e);
                pause(1_000);
            }
        }
        throw last;
    }

    /** Lets go of the killed server's handle (its data-directory lock), which a restart in this process needs. */
    private static void closeQuietly(EmbeddedPostgres killed) {
        try {
            killed.close();
        } catch (IOException | RuntimeException alreadyDead) {
            // The server is gone already; only the handle's lock had to be released.
        }
    }

    private static void kill(Path data) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.US_ASCII).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> backends = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        backends.forEach(ProcessHandle::destroyForcibly);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
