package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.error.UnavailableException;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stops under a load of audit appends and comes back: calls during the outage fail as
 * "storage unavailable" (never hang, never half-write), the pool recovers by itself, and every
 * acknowledged row is there with the hash chain intact.
 */
class DatabaseOutageTest {

    private static final TenantId TENANT = TenantId.of("acme-labs");

    @TempDir
    Path dataDirectory;

    private EmbeddedPostgres startPostgres(int port) throws Exception {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false).setRegisterShutdownHook(false);
        if (port != 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    @Test
    void postgresStopsAndReturnsUnderLoad_failuresAreCleanAndTheServiceRecovers() throws Exception {
        EmbeddedPostgres postgres = startPostgres(0);
        int port = postgres.getPort();
        JdbcSettings settings = JdbcSettings.of(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null)
                .withAppRole(PostgresPersistence.APP_ROLE);
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger unavailable = new AtomicInteger();
        List<Throwable> unexpected = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(4);
        try (PostgresPersistence persistence = PostgresPersistence.start(settings)) {
            AuditLogPersistenceAdapter audit = new AuditLogPersistenceAdapter(persistence.jdbi());
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                workers.add(load.submit(() -> {
                    int i = 0;
                    while (running.get() && i < 5_000) {
                        try {
                            audit.record(new AuditRecord("alice", IdentityKind.ZARU_USER, TENANT, "tool.call",
                                    Optional.empty(), AuditDecision.ALLOWED, "policy.allowed", Instant.now()));
                            acknowledged.incrementAndGet();
                        } catch (UnavailableException e) {
                            unavailable.incrementAndGet();
                        } catch (RuntimeException e) {
                            synchronized (unexpected) {
                                unexpected.add(e);
                            }
                        }
                        i++;
                    }
                }));
            }
            waitUntil(() -> acknowledged.get() >= 50);
            postgres.close();
            waitUntil(() -> unavailable.get() >= 4);
            postgres = startPostgres(port);
            int before = acknowledged.get();
            waitUntil(() -> acknowledged.get() >= before + 50);
            running.set(false);
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }

            assertThat(unexpected).as("failures other than 'storage unavailable'").isEmpty();
            assertThat(unavailable.get()).isPositive();
            // Nothing acknowledged is lost; a call cut off after its commit may have written its row
            // although it reported "unavailable", so the stored count may exceed the acknowledged one.
            int stored = audit.listByTenant(TENANT, 1_000_000).size();
            assertThat(stored).isBetween(acknowledged.get(), acknowledged.get() + unavailable.get());
            assertThat(audit.firstBrokenLink(TENANT)).isEmpty();
        } finally {
            running.set(false);
            load.shutdownNow();
            postgres.close();
        }
    }

    /** Bounded wait: fails the test instead of hanging when the condition never comes. */
    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 600 && !condition.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within 60 s").isTrue();
    }
}
