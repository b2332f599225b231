package ai.aegis.application.contract;

import static ai.aegis.application.contract.ContractFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.SealSessionPort;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.seal.SealAgentKey;
import ai.aegis.domain.seal.SealSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SealSessionPort} adapter must do: a binding reads back exactly as stored
 * until its expiry and not from then on; a token id is bound once while its binding lives — a
 * second binding is refused with {@code seal.session_exists} and leaves the first untouched, also
 * when several attestations race. Whether an expired binding may be replaced is not promised.
 */
public abstract class SealSessionPortContract {

    private static final Duration TOKEN_LIFE = Duration.ofMinutes(15);
    private static final Instant EXPIRY = NOW.plus(TOKEN_LIFE);
    private static final int RACERS = 8;

    private InMemoryClockAdapter clock;
    private SealSessionPort sessions;
    private ExecutorService pool;

    /** A fresh, empty adapter reading "now" from {@code clock}. */
    protected abstract SealSessionPort newSessionPort(ClockPort clock);

    @BeforeEach
    void setUpSessions() {
        clock = new InMemoryClockAdapter(NOW);
        sessions = newSessionPort(clock);
    }

    @AfterEach
    void stopPool() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static SealAgentKey key(int seed) {
        byte[] raw = new byte[SealAgentKey.RAW_LENGTH];
        Arrays.fill(raw, (byte) seed);
        return SealAgentKey.fromRaw(raw);
    }

    @Test
    void bind_thenFind_returnsTheBinding() {
        SealSession session = new SealSession("jti-0000000000000001", key(1), "exec-1", EXPIRY);
        sessions.bind(session);

        assertThat(sessions.findByTokenId("jti-0000000000000001")).contains(session);
    }

    @Test
    void bind_sessionTokenWithoutExecution_readsBackWithoutExecution() {
        SealSession session = new SealSession("jti-0000000000000001", key(1), null, EXPIRY);
        sessions.bind(session);

        assertThat(sessions.findByTokenId("jti-0000000000000001")).contains(session);
    }

    @Test
    void findByTokenId_unknownToken_empty() {
        sessions.bind(new SealSession("jti-0000000000000001", key(1), "exec-1", EXPIRY));

        assertThat(sessions.findByTokenId("jti-0000000000000002")).isEmpty();
    }

    @Test
    void bind_sameTokenIdAgain_refusedAndFirstBindingKept() {
        SealSession first = new SealSession("jti-0000000000000001", key(1), "exec-1", EXPIRY);
        sessions.bind(first);

        assertThatThrownBy(() -> sessions.bind(new SealSession("jti-0000000000000001", key(2), "exec-1", EXPIRY)))
                .isInstanceOf(AlreadyExistsException.class)
                .extracting(e -> ((AlreadyExistsException) e).code()).isEqualTo("seal.session_exists");
        assertThat(sessions.findByTokenId("jti-0000000000000001")).contains(first);
    }

    @Test
    void bind_sameTokenIdJustBeforeExpiry_refused() {
        sessions.bind(new SealSession("jti-0000000000000001", key(1), "exec-1", EXPIRY));
        clock.advance(TOKEN_LIFE.minusMillis(1));

        assertThatThrownBy(() -> sessions.bind(new SealSession("jti-0000000000000001", key(2), "exec-1", EXPIRY)))
                .isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void findByTokenId_justBeforeExpiry_present() {
        sessions.bind(new SealSession("jti-0000000000000001", key(1), "exec-1", EXPIRY));
        clock.advance(TOKEN_LIFE.minusMillis(1));

        assertThat(sessions.findByTokenId("jti-0000000000000001")).isPresent();
    }

    @Test
    void findByTokenId_atExpiry_empty() {
        sessions.bind(new SealSession("jti-0000000000000001", key(1), "exec-1", EXPIRY));
        clock.advance(TOKEN_LIFE);

        assertThat(sessions.findByTokenId("jti-0000000000000001")).isEmpty();
    }

    @Test
    void findByTokenId_oneExpiredOneLive_liveStillFound() {
        sessions.bind(new SealSession("jti-0000000000000001", key(1), "exec-1", NOW.plusSeconds(10)));
        SealSession live = new SealSession("jti-0000000000000002", key(2), "exec-1", EXPIRY);
        sessions.bind(live);
        clock.advance(Duration.ofMinutes(1));

        assertThat(sessions.findByTokenId("jti-0000000000000001")).isEmpty();
        assertThat(sessions.findByTokenId("jti-0000000000000002")).contains(live);
    }

    @Test
    void bind_concurrentSameTokenId_exactlyOneBindsAndItsKeyIsKept() throws Exception {
        pool = Executors.newFixedThreadPool(RACERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 1; i <= RACERS; i++) {
            int seed = i;
            Callable<Integer> racer = () -> {
                start.await();
                try {
                    sessions.bind(new SealSession("jti-0000000000000001", key(seed), "exec-1", EXPIRY));
                    return seed;
                } catch (AlreadyExistsException refused) {
                    return 0;
                }
            };
            results.add(pool.submit(racer));
        }
        start.countDown();

        List<Integer> winners = new ArrayList<>();
        for (Future<Integer> result : results) {
            int seed = outcome(result);
            if (seed != 0) {
                winners.add(seed);
            }
        }
        assertThat(winners).hasSize(1);
        assertThat(sessions.findByTokenId("jti-0000000000000001").orElseThrow().agentKey()).isEqualTo(key(winners.get(0)));
    }

    private static int outcome(Future<Integer> result) throws Exception {
        try {
            return result.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("a racing bind failed with something other than AlreadyExists", e.getCause());
        }
    }
}
