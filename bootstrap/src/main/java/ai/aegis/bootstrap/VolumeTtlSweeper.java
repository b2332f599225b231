package ai.aegis.bootstrap;

import ai.aegis.application.port.in.ExpireVolumesCommand;
import ai.aegis.application.port.in.ExpireVolumesUseCase;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.volume.Volume;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The volume TTL job: once at start (catching up on what expired while no instance ran) and then
 * every {@code periodSeconds} (hourly in {@code aegis serve}). Each sweep removes expired volumes in
 * batches until none is left. Several instances may sweep at once; each volume is claimed by one.
 */
final class VolumeTtlSweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VolumeTtlSweeper.class);
    private static final int BATCH = 200;
    private static final int MAX_BATCHES_PER_SWEEP = 50;

    private final ExpireVolumesUseCase expire;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "aegis-volume-ttl");
        thread.setDaemon(true);
        return thread;
    });

    /** A sweeper without a schedule; {@link #start} schedules one. */
    VolumeTtlSweeper(ExpireVolumesUseCase expire) {
        this.expire = expire;
    }

    static VolumeTtlSweeper start(ExpireVolumesUseCase expire, long periodSeconds) {
        VolumeTtlSweeper sweeper = new VolumeTtlSweeper(expire);
        sweeper.scheduler.scheduleWithFixedDelay(sweeper::sweep, 0, periodSeconds, TimeUnit.SECONDS);
        return sweeper;
    }

    void sweep() {
        try {
            int total = 0;
            for (int batch = 0; batch < MAX_BATCHES_PER_SWEEP; batch++) {
                List<Volume> removed = expire.expire(new ExpireVolumesCommand(BATCH));
                total += removed.size();
                if (removed.size() < BATCH) {
                    break;
                }
            }
            if (total > 0) {
                LOG.info("volume TTL sweep removed {} expired volume(s)", total);
            }
        } catch (DomainException e) {
            LOG.warn("volume TTL sweep skipped: {}", e.code());
        } catch (RuntimeException e) {
            LOG.error("volume TTL sweep failed", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
