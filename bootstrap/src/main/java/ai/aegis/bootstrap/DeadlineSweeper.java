package ai.aegis.bootstrap;

import ai.aegis.application.port.in.ExpireOverdueExecutionsCommand;
import ai.aegis.application.port.in.ExpireOverdueExecutionsUseCase;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.execution.Execution;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces execution deadlines from the service side: once at start (what an instance that died
 * left running past its deadline is timed out now) and then every few seconds. Several instances
 * may sweep at once; the tree saves are optimistic, so each execution ends exactly once.
 */
final class DeadlineSweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlineSweeper.class);
    private static final int BATCH = 500;

    private final ExpireOverdueExecutionsUseCase expire;
    private final ScheduledExecutorService scheduler;

    private DeadlineSweeper(ExpireOverdueExecutionsUseCase expire) {
        this.expire = expire;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "aegis-deadlines");
            thread.setDaemon(true);
            return thread;
        });
    }

    static DeadlineSweeper start(ExpireOverdueExecutionsUseCase expire, long periodSeconds) {
        DeadlineSweeper sweeper = new DeadlineSweeper(expire);
        sweeper.scheduler.scheduleWithFixedDelay(sweeper::sweep, 0, periodSeconds, TimeUnit.SECONDS);
        return sweeper;
    }

    private void sweep() {
        try {
            List<Execution> ended = expire.expire(new ExpireOverdueExecutionsCommand(BATCH));
            if (!ended.isEmpty()) {
                LOG.info("deadline sweep ended {} execution(s)", ended.size());
            }
        } catch (DomainException e) {
            LOG.warn("deadline sweep skipped: {}", e.code());
        } catch (RuntimeException e) {
            LOG.error("deadline sweep failed", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
