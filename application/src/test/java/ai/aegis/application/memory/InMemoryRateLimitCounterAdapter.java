package ai.aegis.application.memory;

import ai.aegis.application.port.out.RateCounterIncrement;
import ai.aegis.application.port.out.RateCounterOutcome;
import ai.aegis.application.port.out.RateLimitCounterPort;
import ai.aegis.domain.identity.TenantId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rate counters in a map under one lock: checking every counter and then adding to all of them is
 * one critical section, so the check-then-add is exact and all or nothing. Thread-safe.
 */
public final class InMemoryRateLimitCounterAdapter implements RateLimitCounterPort {

    private record Key(TenantId tenantId, String subject, String counter, Instant windowStart) {
    }

    private record Count(long value, Instant windowEnd) {
    }

    private final Map<Key, Count> counts = new HashMap<>();

    @Override
    public synchronized RateCounterOutcome tryAddAll(TenantId tenantId, String subject,
            List<RateCounterIncrement> increments) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(subject, "subject");
        for (RateCounterIncrement increment : increments) {
            long current = current(key(tenantId, subject, increment));
            // Written so that it cannot overflow, whatever the limit.
            if (current > increment.limit() - increment.amount()) {
                return RateCounterOutcome.refused(increment, current);
            }
        }
        for (RateCounterIncrement increment : increments) {
            Key key = key(tenantId, subject, increment);
            counts.put(key, new Count(current(key) + increment.amount(), increment.windowEnd()));
        }
        return RateCounterOutcome.admitted();
    }

    @Override
    public synchronized int purgeExpired(Instant now) {
        int purged = 0;
        for (Iterator<Count> it = counts.values().iterator(); it.hasNext(); ) {
            if (!it.next().windowEnd().isAfter(now)) {
                it.remove();
                purged++;
            }
        }
        return purged;
    }

    private long current(Key key) {
        Count count = counts.get(key);
        return count == null ? 0 : count.value();
    }

    private static Key key(TenantId tenantId, String subject, RateCounterIncrement increment) {
        return new Key(tenantId, subject, increment.counter(), increment.windowStart());
    }
}
