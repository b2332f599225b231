package ai.aegis.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.domain.error.UnavailableException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HousekeepingTest {

    @Test
    void run_oneJobFailsEveryTime_theOthersKeepRunningOnSchedule() throws Exception {
        CountDownLatch threeRuns = new CountDownLatch(3);
        AtomicInteger failures = new AtomicInteger();
        try (Housekeeping ignored = Housekeeping.start(Clock.systemUTC(), Map.of(
                "broken", now -> {
                    failures.incrementAndGet();
                    throw new UnavailableException("storage.unavailable", "down");
                },
                "working", now -> {
                    threeRuns.countDown();
                    return 1;
                }), 1)) {

            assertThat(threeRuns.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(failures.get()).isPositive();
        }
    }
}
