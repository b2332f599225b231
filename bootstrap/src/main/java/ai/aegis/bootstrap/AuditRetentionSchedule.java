package ai.aegis.bootstrap;

import ai.aegis.application.port.in.ApplyAuditRetentionCommand;
import ai.aegis.application.port.in.ApplyAuditRetentionUseCase;
import ai.aegis.application.port.in.AuditRetentionReport;
import ai.aegis.domain.error.DomainException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audit retention in {@code aegis serve}: once right after start, then every period. Several
 * instances may run it at once (the database serialises each tenant's purge), so no leader is
 * needed. A tenant whose chain is broken is left untouched and named in a warning every run until
 * someone looks.
 */
final class AuditRetentionSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRetentionSchedule.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "aegis-audit-retention");
        thread.setDaemon(true);
        return thread;
    });

    static AuditRetentionSchedule start(ApplyAuditRetentionUseCase retention, long periodSeconds) {
        AuditRetentionSchedule schedule = new AuditRetentionSchedule();
        schedule.scheduler.scheduleWithFixedDelay(() -> runOnce(retention), 0, periodSeconds, TimeUnit.SECONDS);
        return schedule;
    }

    static void runOnce(ApplyAuditRetentionUseCase retention) {
        try {
            AuditRetentionReport report = retention.apply(new ApplyAuditRetentionCommand());
            if (!report.purges().isEmpty()) {
                LOG.info("audit retention removed {} row(s) from {} tenant(s)", report.rowsRemoved(),
                        report.purges().size());
            }
            if (!report.skipped().isEmpty()) {
                LOG.warn("audit retention skipped tenant(s) {}: chain broken or storage unavailable; "
                        + "run 'aegis audit verify'", report.skipped());
            }
        } catch (DomainException e) {
            LOG.warn("audit retention skipped this run: {}", e.code());
        } catch (RuntimeException e) {
            LOG.error("audit retention failed", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
