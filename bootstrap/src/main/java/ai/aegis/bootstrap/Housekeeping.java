package ai.aegis.bootstrap;

import ai.aegis.domain.error.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic removal of rows nobody needs any more (expired SEAL nonces, sessions and revocations).
 * Lookups already ignore expired rows, so a late or skipped run only costs table size; several
 * instances may run it at once.
 */
final class Housekeeping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "aegis-housekeeping");
        thread.setDaemon(true);
        return thread;
    });

    /** @param purges what to purge, by name, each answering how many rows it removed before the instant */
    static Housekeeping start(Clock clock, Map<String, ToIntFunction<Instant>> purges, long periodSeconds) {
        Housekeeping housekeeping = new Housekeeping();
        List<Map.Entry<String, ToIntFunction<Instant>>> jobs = List.copyOf(purges.entrySet());
        housekeeping.scheduler.scheduleWithFixedDelay(() -> {
            for (Map.Entry<String, ToIntFunction<Instant>> job : jobs) {
                try {
                    int removed = job.getValue().applyAsInt(clock.instant());
                    if (removed > 0) {
                        LOG.debug("housekeeping removed {} expired {}", removed, job.getKey());
                    }
                } catch (DomainException e) {
                    LOG.warn("housekeeping of {} skipped: {}", job.getKey(), e.code());
                } catch (RuntimeException e) {
                    LOG.error("housekeeping of {} failed", job.getKey(), e);
                }
            }
        }, periodSeconds, periodSeconds, TimeUnit.SECONDS);
        return housekeeping;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
