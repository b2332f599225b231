package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.contract.SealNoncePortContract;
import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.SealNoncePort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The nonce contract against PostgreSQL, plus what only the database adds: two instances (two
 * separate pools on one database) share the replay check, and expired rows are purged.
 */
class SealNoncePersistenceAdapterTest extends SealNoncePortContract {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final int RACERS = 50;

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    protected SealNoncePort newNoncePort(ClockPort clock) {
        DATABASE.persistence().jdbi().useHandle(h -> h.execute("TRUNCATE seal_nonce"));
        return new SealNoncePersistenceAdapter(DATABASE.persistence().jdbi(), clock);
    }

    private static int rows() {
        return DATABASE.persistence().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM seal_nonce").mapTo(Integer.class).one());
    }

    @Test
    void recordFirstUse_replayToOtherInstance_refused() {
        ClockPort clock = new InMemoryClockAdapter(NOW);
        newNoncePort(clock);
        try (PostgresPersistence other = PostgresPersistence.start(DATABASE.settings())) {
            SealNoncePersistenceAdapter first = new SealNoncePersistenceAdapter(DATABASE.persistence().jdbi(), clock);
            SealNoncePersistenceAdapter second = new SealNoncePersistenceAdapter(other.jdbi(), clock);

            assertThat(first.recordFirstUse("jti-0123456789abcdef:beef", NOW.plusSeconds(61))).isTrue();
            assertThat(second.recordFirstUse("jti-0123456789abcdef:beef", NOW.plusSeconds(61))).isFalse();
        }
    }

    @Test
    void recordFirstUse_fiftyConcurrentCallsAcrossTwoInstances_exactlyOneTrue() throws Exception {
        ClockPort clock = new InMemoryClockAdapter(NOW);
        newNoncePort(clock);
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try (PostgresPersistence other = PostgresPersistence.start(DATABASE.settings())) {
            List<SealNoncePort> instances = List.of(new SealNoncePersistenceAdapter(DATABASE.persistence().jdbi(), clock),
                    new SealNoncePersistenceAdapter(other.jdbi(), clock));
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                SealNoncePort instance = instances.get(i % 2);
                Callable<Boolean> racer = () -> {
                    start.await();
                    return instance.recordFirstUse("jti-0123456789abcdef:race", NOW.plusSeconds(61));
                };
                results.add(pool.submit(racer));
            }
            start.countDown();

            List<Boolean> outcomes = new ArrayList<>();
            for (Future<Boolean> result : results) {
                outcomes.add(result.get(60, TimeUnit.SECONDS));
            }
            assertThat(outcomes).hasSize(RACERS).containsOnlyOnce(true);
            assertThat(rows()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void purgeExpired_mixOfExpiredAndLive_deletesOnlyExpired() {
        InMemoryClockAdapter clock = new InMemoryClockAdapter(NOW);
        SealNoncePersistenceAdapter nonces = (SealNoncePersistenceAdapter) newNoncePort(clock);
        nonces.recordFirstUse("ends-at-10s", NOW.plusSeconds(10));
        nonces.recordFirstUse("ends-at-20s", NOW.plusSeconds(20));
        nonces.recordFirstUse("ends-at-90s", NOW.plusSeconds(90));

        assertThat(nonces.purgeExpired(NOW.plusSeconds(20))).isEqualTo(2);
        assertThat(rows()).isEqualTo(1);
        assertThat(nonces.recordFirstUse("ends-at-90s", NOW.plusSeconds(90))).isFalse();
        assertThat(nonces.purgeExpired(NOW.plusSeconds(20))).isZero();
    }

    @Test
    void recordFirstUse_keepUntilWithNanoseconds_rememberedUntilThatInstant() {
        InMemoryClockAdapter clock = new InMemoryClockAdapter(NOW.plusSeconds(61));
        SealNoncePort nonces = newNoncePort(clock);
        nonces.recordFirstUse("sub-microsecond", NOW.plusSeconds(61).plusNanos(1));

        assertThat(nonces.recordFirstUse("sub-microsecond", NOW.plusSeconds(120))).isFalse();
    }
}
