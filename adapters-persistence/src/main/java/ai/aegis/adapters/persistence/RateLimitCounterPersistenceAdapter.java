package ai.aegis.adapters.persistence;

import ai.aegis.application.port.out.RateCounterIncrement;
import ai.aegis.application.port.out.RateCounterOutcome;
import ai.aegis.application.port.out.RateLimitCounterPort;
import ai.aegis.domain.identity.TenantId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Rate counters in PostgreSQL ({@code rate_limit_counter}), shared by every instance on the
 * database. One call is one transaction in the caller's tenant: per counter one
 * {@code INSERT … ON CONFLICT DO UPDATE SET used = used + n WHERE used <= limit - n RETURNING used}
 * (written so that it cannot overflow);
 * an empty answer is a refusal, after which the transaction is rolled back, so the counters taken
 * before it are given back before anyone can see them.
 *
 * <p>Why this is exact across instances: the upsert takes the row's lock even when its
 * {@code WHERE} fails, and under READ COMMITTED a waiting upsert re-evaluates its condition against
 * the newest committed count, so no count passes its limit; a transaction that rolls back never
 * exposes its increments. Counters are taken in one global order (counter name, then window start),
 * so two calls needing the same counters cannot deadlock.
 */
public final class RateLimitCounterPersistenceAdapter implements RateLimitCounterPort {

    private static final String HOUSEKEEPING = "rate limit housekeeping";
    private static final Comparator<RateCounterIncrement> LOCK_ORDER = Comparator.comparing(RateCounterIncrement::counter)
            .thenComparing(RateCounterIncrement::windowStart);

    private final TenantTransactions transactions;

    public RateLimitCounterPersistenceAdapter(Jdbi jdbi) {
        this.transactions = new TenantTransactions(Objects.requireNonNull(jdbi, "jdbi"));
    }

    @Override
    public RateCounterOutcome tryAddAll(TenantId tenantId, String subject, List<RateCounterIncrement> increments) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(subject, "subject");
        List<RateCounterIncrement> ordered = new ArrayList<>(increments);
        ordered.sort(LOCK_ORDER);
        if (ordered.isEmpty()) {
            return RateCounterOutcome.admitted();
        }
        return transactions.inTenant(tenantId, handle -> {
            for (RateCounterIncrement increment : ordered) {
                Optional<Long> used = add(handle, tenantId, subject, increment);
                if (used.isEmpty()) {
                    long current = current(handle, tenantId, subject, increment);
                    handle.rollback();
                    return RateCounterOutcome.refused(increment, current);
                }
            }
            return RateCounterOutcome.admitted();
        });
    }

    private static Optional<Long> add(Handle handle, TenantId tenantId, String subject, RateCounterIncrement increment) {
        return handle.createQuery("""
                        INSERT INTO rate_limit_counter AS c (tenant_id, subject, counter, window_start, window_end, used)
                        SELECT :tenant, :subject, :counter, :start, :end, :amount WHERE :amount <= :limit
                        ON CONFLICT (tenant_id, subject, counter, window_start)
                        DO UPDATE SET used = c.used + EXCLUDED.used
                        WHERE c.used <= :limit - EXCLUDED.used AND c.tenant_id = :tenant
                        RETURNING c.used""")
                .bind("tenant", tenantId.value())
                .bind("subject", subject)
                .bind("counter", increment.counter())
                .bind("start", utc(increment.windowStart()))
                .bind("end", utc(increment.windowEnd()))
                .bind("amount", increment.amount())
                .bind("limit", increment.limit())
                .mapTo(Long.class)
                .findOne();
    }

    private static long current(Handle handle, TenantId tenantId, String subject, RateCounterIncrement increment) {
        return handle.createQuery("""
                        SELECT used FROM rate_limit_counter
                        WHERE tenant_id = :tenant AND subject = :subject AND counter = :counter AND window_start = :start""")
                .bind("tenant", tenantId.value())
                .bind("subject", subject)
                .bind("counter", increment.counter())
                .bind("start", utc(increment.windowStart()))
                .mapTo(Long.class)
                .findOne()
                .orElse(0L);
    }

    /**
     * Deletes the counters of windows that ended at or before {@code now}, across every tenant;
     * answers how many. Safe on several instances at once.
     */
    @Override
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return transactions.acrossTenants(HOUSEKEEPING, handle -> handle.createUpdate(
                        "DELETE FROM rate_limit_counter WHERE window_end <= :now")
                .bind("now", utc(now))
                .execute());
    }

    // Window boundaries are whole seconds; purging rounds down, so a row is never deleted early.
    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
