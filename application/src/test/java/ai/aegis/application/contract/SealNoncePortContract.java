package ai.aegis.application.contract;

import static ai.aegis.application.contract.ContractFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.SealNoncePort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SealNoncePort} adapter must do: a nonce is accepted exactly once while it is
 * remembered (until its keep-until instant), also when several callers race with it, and the
 * window is bounded by keep-until so the store does not grow for ever.
 */
public abstract class SealNoncePortContract {

    private static final Duration WINDOW = Duration.ofSeconds(61);
    private static final int RACERS = 16;

    private InMemoryClockAdapter clock;
    private SealNoncePort nonces;
    private ExecutorService pool;

    /** A fresh, empty adapter reading "now" from {@code clock}. */
    protected abstract SealNoncePort newNoncePort(ClockPort clock);

    @BeforeEach
    void setUpNonces() {
        clock = new InMemoryClockAdapter(NOW);
        nonces = newNoncePort(clock);
    }

    @AfterEach
    void stopPool() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Test
    void recordFirstUse_newNonce_true() {
        assertThat(nonces.recordFirstUse("jti-0123456789abcdef:aa01", NOW.plus(WINDOW))).isTrue();
    }

    @Test
    void recordFirstUse_replayWithinWindow_false() {
        nonces.recordFirstUse("jti-0123456789abcdef:aa01", NOW.plus(WINDOW));

        assertThat(nonces.recordFirstUse("jti-0123456789abcdef:aa01", NOW.plus(WINDOW))).isFalse();
    }

    @Test
    void recordFirstUse_replayJustBeforeKeepUntil_false() {
        nonces.recordFirstUse("jti-0123456789abcdef:aa01", NOW.plus(WINDOW));
        clock.advance(WINDOW.minusMillis(1));

        assertThat(nonces.recordFirstUse("jti-0123456789abcdef:aa01", clock.now().plus(WINDOW))).isFalse();
    }

    @Test
    void recordFirstUse_replayWithLaterKeepUntil_stillFalse() {
        nonces.recordFirstUse("jti-0123456789abcdef:aa01", NOW.plus(WINDOW));

        assertThat(nonces.recordFirstUse("jti-0123456789abcdef:aa01", NOW.plus(Duration.ofHours(1)))).isFalse();
    }

    @Test
    void recordFirstUse_onceKeepUntilHasPassed_acceptedAgain() {
        Instant keepUntil = NOW.plus(WINDOW);
        nonces.recordFirstUse("jti-0123456789abcdef:aa01", keepUntil);
        clock.advance(WINDOW);

        assertThat(nonces.recordFirstUse("jti-0123456789abcdef:aa01", clock.now().plus(WINDOW))).isTrue();
        assertThat(nonces.recordFirstUse("jti-0123456789abcdef:aa01", clock.now().plus(WINDOW))).isFalse();
    }

    @Test
    void recordFirstUse_distinctNonces_eachAcceptedOnce() {
        assertThat(nonces.recordFirstUse("jti-0123456789abcdef:aa01", NOW.plus(WINDOW))).isTrue();
        assertThat(nonces.recordFirstUse("jti-0123456789abcdef:aa02", NOW.plus(WINDOW))).isTrue();
        assertThat(nonces.recordFirstUse("jti-0123456789abcdef:AA01", NOW.plus(WINDOW))).isTrue();

        assertThat(nonces.recordFirstUse("jti-0123456789abcdef:aa02", NOW.plus(WINDOW))).isFalse();
    }

    @Test
    void recordFirstUse_oneNonceExpired_otherStillRemembered() {
        nonces.recordFirstUse("short-lived", NOW.plusSeconds(10));
        nonces.recordFirstUse("long-lived", NOW.plus(WINDOW));
        clock.advance(Duration.ofSeconds(10));

        assertThat(nonces.recordFirstUse("long-lived", clock.now().plus(WINDOW))).isFalse();
        assertThat(nonces.recordFirstUse("short-lived", clock.now().plus(WINDOW))).isTrue();
    }

    @Test
    void recordFirstUse_concurrentSameNonce_exactlyOneWins() throws Exception {
        pool = Executors.newFixedThreadPool(RACERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            Callable<Boolean> racer = () -> {
                start.await();
                return nonces.recordFirstUse("jti-0123456789abcdef:race", NOW.plus(WINDOW));
            };
            results.add(pool.submit(racer));
        }
        start.countDown();

        assertThat(outcomes(results)).containsOnlyOnce(true).hasSize(RACERS);
    }

    private static List<Boolean> outcomes(List<Future<Boolean>> results) throws InterruptedException, ExecutionException, TimeoutException {
        List<Boolean> outcomes = new ArrayList<>();
        for (Future<Boolean> result : results) {
            outcomes.add(result.get(60, TimeUnit.SECONDS));
        }
        return outcomes;
    }
}
