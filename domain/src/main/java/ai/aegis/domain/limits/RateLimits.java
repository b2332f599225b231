package ai.aegis.domain.limits;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.ZaruTier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rate limits that apply to a caller, keyed by resource, tool pattern and window. A key that is
 * absent is not limited. The tier gives agent executions per minute and per day (DESIGN.md §3:
 * Free 3 · 20, Pro 10 · 200, Business 30 · 1,000, Enterprise 100 · 10,000; operators like
 * Enterprise); every other resource and window is unlimited until configured. The tenant's
 * overrides apply next and the user's last, so the user's win ({@link #resolve}).
 *
 * <p>Invariant: the map is sorted by key ({@link RateLimitKey#compareTo}), which fixes the order in
 * which counters are taken, and every limit is zero or more.
 */
public record RateLimits(SortedMap<RateLimitKey, Long> limits) {

    public RateLimits {
        Objects.requireNonNull(limits, "limits");
        for (Map.Entry<RateLimitKey, Long> entry : limits.entrySet()) {
            Objects.requireNonNull(entry.getKey(), "key");
            if (entry.getValue() == null || entry.getValue() < 0) {
                throw new InvalidInputException("limits.negative", "rate limit " + entry.getKey()
                        + " must be zero or more");
            }
        }
        limits = Collections.unmodifiableSortedMap(new TreeMap<>(limits));
    }

    /** The rate limits contained in {@code limits}: agent executions per minute and per day. */
    public static RateLimits of(ResourceLimits limits) {
        SortedMap<RateLimitKey, Long> map = new TreeMap<>();
        map.put(RateLimitKey.of(RateLimitedResource.AGENT_EXECUTION, RateWindow.MINUTE),
                (long) limits.agentExecutionsPerMinute());
        map.put(RateLimitKey.of(RateLimitedResource.AGENT_EXECUTION, RateWindow.DAY),
                (long) limits.agentExecutionsPerDay());
        return new RateLimits(map);
    }

    /** The defaults of a tier. */
    public static RateLimits forTier(ZaruTier tier) {
        return of(ResourceLimits.forTier(tier));
    }

    /** The defaults for an identity: its tier's, or the operator defaults (Enterprise). */
    public static RateLimits defaultsFor(Identity identity) {
        return of(ResourceLimits.defaultsFor(identity));
    }

    /** The identity's defaults with the tenant's overrides applied, then the user's (the user's win). */
    public static RateLimits resolve(Identity identity, LimitOverrides tenantOverrides, LimitOverrides userOverrides) {
        return defaultsFor(identity).apply(tenantOverrides).apply(userOverrides);
    }

    /** These limits with every rate override applied: a number sets the limit, unlimited removes it. */
    public RateLimits apply(LimitOverrides overrides) {
        Objects.requireNonNull(overrides, "overrides");
        SortedMap<RateLimitKey, Long> changed = new TreeMap<>(limits);
        for (Map.Entry<RateLimitKey, CountLimit> entry : overrides.rateLimitChanges().entrySet()) {
            if (entry.getValue().isUnlimited()) {
                changed.remove(entry.getKey());
            } else {
                changed.put(entry.getKey(), entry.getValue().max().getAsLong());
            }
        }
        return new RateLimits(changed);
    }

    /** The limit of {@code key}, if it is limited. */
    public Optional<Long> limitOf(RateLimitKey key) {
        return Optional.ofNullable(limits.get(key));
    }

    /**
     * Every limit a use of {@code resource} counts against (for tool calls, of the tool named
     * {@code toolName}), in key order; all of them must admit the use.
     */
    public List<RateLimit> applicableTo(RateLimitedResource resource, Optional<String> toolName) {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(toolName, "toolName");
        List<RateLimit> applicable = new ArrayList<>();
        for (Map.Entry<RateLimitKey, Long> entry : limits.entrySet()) {
            if (entry.getKey().appliesTo(resource, toolName)) {
                applicable.add(new RateLimit(entry.getKey(), entry.getValue()));
            }
        }
        return List.copyOf(applicable);
    }
}
