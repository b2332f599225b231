package ai.aegis.bootstrap;

import ai.aegis.application.port.in.ExpireNodeLeasesCommand;
import ai.aegis.application.port.in.ExpireNodeLeasesUseCase;
import ai.aegis.application.port.in.LostLeases;
import ai.aegis.domain.error.DomainException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the dead-node policy every few seconds: leases whose node stopped heartbeating are lost
 * (unstarted executions requeued, running ones failed). Several instances may sweep at once; a
 * lease is released once, and finishing an execution is optimistic, so each ends exactly once.
 */
final class LeaseSweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseSweeper.class);
    private static final int BATCH = 500;

    private final ExpireNodeLeasesUseCase expire;
    private final ScheduledExecutorService scheduler;

    private LeaseSweeper(ExpireNodeLeasesUseCase expire) {
        this.expire = expire;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "aegis-node-leases");
            thread.setDaemon(true);
            return thread;
        });
    }

    static LeaseSweeper start(ExpireNodeLeasesUseCase expire, long periodSeconds) {
        LeaseSweeper sweeper = new LeaseSweeper(expire);
        sweeper.scheduler.scheduleWithFixedDelay(sweeper::sweep, periodSeconds, periodSeconds, TimeUnit.SECONDS);
        return sweeper;
    }

    private void sweep() {
        try {
            LostLeases lost = expire.expire(new ExpireNodeLeasesCommand(BATCH));
            if (!lost.isEmpty()) {
                LOG.info("lease sweep: {} requeued, {} failed (node stopped responding), {} dropped",
                        lost.requeued().size(), lost.failed().size(), lost.dropped().size());
            }
        } catch (DomainException e) {
            LOG.warn("lease sweep skipped: {}", e.code());
        } catch (RuntimeException e) {
            LOG.error("lease sweep failed", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
