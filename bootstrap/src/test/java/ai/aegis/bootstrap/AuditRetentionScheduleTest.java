package ai.aegis.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.port.in.AuditRetentionReport;
import ai.aegis.domain.error.UnavailableException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AuditRetentionScheduleTest {

    @Test
    void start_longPeriod_runsOnceRightAwayWithoutWaitingForThePeriod() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        try (AuditRetentionSchedule ignored = AuditRetentionSchedule.start(command -> {
            ran.countDown();
            return new AuditRetentionReport(List.of(), List.of());
        }, 3600)) {

            assertThat(ran.await(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void run_storageUnavailable_nextRunStillHappens() throws Exception {
        CountDownLatch twoRuns = new CountDownLatch(2);
        AtomicInteger runs = new AtomicInteger();
        try (AuditRetentionSchedule ignored = AuditRetentionSchedule.start(command -> {
            runs.incrementAndGet();
            twoRuns.countDown();
            throw new UnavailableException("storage.unavailable", "down");
        }, 1)) {

            assertThat(twoRuns.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(runs.get()).isGreaterThanOrEqualTo(2);
        }
    }
}
