package ai.aegis.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.port.in.ExpireVolumesUseCase;
import ai.aegis.domain.error.UnavailableException;
import ai.aegis.domain.volume.Volume;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VolumeTtlSweeperTest {

    @Test
    void start_sweepsImmediately_notOnlyAfterThePeriod() throws InterruptedException {
        CountDownLatch swept = new CountDownLatch(1);
        ExpireVolumesUseCase expire = command -> {
            swept.countDown();
            return List.of();
        };

        try (VolumeTtlSweeper ignored = VolumeTtlSweeper.start(expire, 3_600)) {
            assertThat(swept.await(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void sweep_fullBatches_continuesUntilAShortOne() {
        List<Integer> limits = new ArrayList<>();
        ExpireVolumesUseCase expire = command -> {
            limits.add(command.limit());
            return limits.size() <= 2 ? Collections.<Volume>nCopies(command.limit(), null) : List.of();
        };

        new VolumeTtlSweeper(expire).sweep();

        assertThat(limits).hasSize(3);
    }

    @Test
    void sweep_storageDown_refusalContained_nextSweepRuns() {
        AtomicInteger calls = new AtomicInteger();
        ExpireVolumesUseCase expire = command -> {
            calls.incrementAndGet();
            throw new UnavailableException("storage.unavailable", "down");
        };
        VolumeTtlSweeper sweeper = new VolumeTtlSweeper(expire);

        sweeper.sweep();
        sweeper.sweep();

        assertThat(calls).hasValue(2);
    }
}
