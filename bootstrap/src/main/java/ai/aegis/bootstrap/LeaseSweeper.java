package ai.aegis.bootstrap;

import ai.aegis.application.port.in.ExpireNodeLeasesCommand;
import ai.aegis.application.port.in.ExpireNodeLeasesUseCase;
import ai.aegis.application.port.in.LostLeases;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.UnavailableException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the dead-node policy every few seconds: leases whose node stopped heartbeating are lost
 * (unstarted executions requeued, running ones failed). Several instances may sweep at once; a
 * lease is released once, and finishing an execution is optimistic, so each ends exactly once.
 *
 * <p>While the database is unreachable no node can heartbeat either, so a lease that ran out then
 * says nothing about its node. After a sweep finds the database unreachable, no lease is expired
 * until the database has answered again for one lease time: nodes that are alive heartbeat within
 * it (renewing every lease they hold), and only those that do not are treated as dead.
 */
final class LeaseSweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseSweeper.class);
    private static final int BATCH = 500;

    private final ExpireNodeLeasesUseCase expire;
    private final BooleanSupplier databaseAnswers;
    private final Duration holdAfterOutage;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService scheduler;
    private boolean outage;
    private boolean answeringAgain;
    private long answeringSince;

    LeaseSweeper(ExpireNodeLeasesUseCase expire, BooleanSupplier databaseAnswers, Duration holdAfterOutage,
            LongSupplier nanoTime) {
        this.expire = expire;
        this.databaseAnswers = databaseAnswers;
        this.holdAfterOutage = holdAfterOutage;
        this.nanoTime = nanoTime;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "aegis-node-leases");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Sweeps every {@code periodSeconds}; after a database outage, expires nothing until the database
     * has answered {@code databaseAnswers} for {@code leaseTtl}.
     */
    static LeaseSweeper start(ExpireNodeLeasesUseCase expire, long periodSeconds, Duration leaseTtl,
            BooleanSupplier databaseAnswers) {
        LeaseSweeper sweeper = new LeaseSweeper(expire, databaseAnswers, leaseTtl, System::nanoTime);
        sweeper.scheduler.scheduleWithFixedDelay(sweeper::sweep, periodSeconds, periodSeconds, TimeUnit.SECONDS);
        return sweeper;
    }

    /** One sweep; runs on the sweeper's single thread (tests call it directly). */
    synchronized void sweep() {
        if (outage && !recovered()) {
            return;
        }
        try {
            LostLeases lost = expire.expire(new ExpireNodeLeasesCommand(BATCH));
            if (!lost.isEmpty()) {
                LOG.info("lease sweep: {} requeued, {} failed (node stopped responding), {} dropped",
                        lost.requeued().size(), lost.failed().size(), lost.dropped().size());
            }
        } catch (UnavailableException e) {
            outage = true;
            answeringAgain = false;
            LOG.warn("lease sweep skipped: {}; no lease expires until the database has answered again for {} s",
                    e.code(), holdAfterOutage.toSeconds());
        } catch (DomainException e) {
            LOG.warn("lease sweep skipped: {}", e.code());
        } catch (RuntimeException e) {
            LOG.error("lease sweep failed", e);
        }
    }

    /** True once the database has answered again for the whole hold, so that expiry may resume. */
    private boolean recovered() {
        if (!databaseAnswers.getAsBoolean()) {
            answeringAgain = false;
            return false;
        }
        long now = nanoTime.getAsLong();
        if (!answeringAgain) {
            answeringAgain = true;
            answeringSince = now;
        }
        if (now - answeringSince < holdAfterOutage.toNanos()) {
            return false;
        }
        outage = false;
        LOG.info("lease sweep resumed: the database has answered for {} s", holdAfterOutage.toSeconds());
        return true;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
