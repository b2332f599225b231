package ai.aegis.application.port.out;

import ai.aegis.domain.identity.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * Shared counters of rate-limited use, one per (tenant, subject, counter name, window start).
 *
 * <p>Invariants every adapter keeps, whatever number of threads or instances share it:
 * <ul>
 *   <li><b>Exact:</b> a counter never goes over the limit given with an increment, so with N
 *       concurrent callers exactly {@code min(N, limit)} single-unit increments are admitted.</li>
 *   <li><b>All or nothing:</b> {@link #tryAddAll} adds every increment or none; a refused call leaves
 *       every counter as it was, and no other caller ever observes a count it added and took back.</li>
 *   <li>A new window start is a new counter that begins at zero; counts of ended windows are never
 *       read again and {@link #purgeExpired} may delete them at any time.</li>
 * </ul>
 */
public interface RateLimitCounterPort {

    /**
     * Adds every increment for {@code subject} of {@code tenantId} if each counter stays within its
     * limit; otherwise adds nothing and names a counter that refused, with its count. The
     * increments name distinct counters.
     */
    RateCounterOutcome tryAddAll(TenantId tenantId, String subject, List<RateCounterIncrement> increments);

    /**
     * Deletes the counters of windows that ended at or before {@code now}; answers how many. Safe to
     * run on several instances at once, as often as wanted (housekeeping).
     */
    int purgeExpired(Instant now);
}
