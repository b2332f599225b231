package ai.aegis.domain.limits;

import ai.aegis.domain.error.InvalidInputException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Per-tenant or per-user changes to the tier's {@link ResourceLimits} and {@link RateLimits}. Every
 * field is optional; an absent field leaves the value underneath unchanged. {@code auditRetention}
 * and {@code storageTtl} take {@link Duration#ZERO} to mean "none".
 *
 * <p>{@code rateLimits} changes any other rate limit (resource, tool pattern, window): a number sets
 * it, {@link CountLimit#unlimited()} removes it. Invariant: agent executions per minute and per day
 * are never in that map, they keep their own fields ({@link #withRateLimit} puts them there), so
 * one override has exactly one place for each limit. {@link #rateLimitChanges()} merges both views.
 */
public record LimitOverrides(
        OptionalInt agentExecutionsPerMinute,
        OptionalInt agentExecutionsPerDay,
        Optional<Duration> executionTimeout,
        OptionalInt maxIterations,
        Optional<CountLimit> maxConcurrentExecutions,
        OptionalLong memoryBytesPerAgent,
        OptionalLong storageBytes,
        Optional<CountLimit> volumeCount,
        Optional<Duration> storageTtl,
        Optional<Duration> auditRetention,
        Optional<Boolean> teamsAndOrgs,
        Optional<Boolean> selfHosted,
        Map<RateLimitKey, CountLimit> rateLimits) {

    // Declared before NONE: the constructor reads them.
    private static final RateLimitKey AGENT_PER_MINUTE = RateLimitKey.of(RateLimitedResource.AGENT_EXECUTION,
            RateWindow.MINUTE);
    private static final RateLimitKey AGENT_PER_DAY = RateLimitKey.of(RateLimitedResource.AGENT_EXECUTION,
            RateWindow.DAY);

    private static final LimitOverrides NONE = new LimitOverrides(OptionalInt.empty(), OptionalInt.empty(),
            Optional.empty(), OptionalInt.empty(), Optional.empty(), OptionalLong.empty(), OptionalLong.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());

    public LimitOverrides {
        Objects.requireNonNull(agentExecutionsPerMinute, "agentExecutionsPerMinute");
        Objects.requireNonNull(agentExecutionsPerDay, "agentExecutionsPerDay");
        Objects.requireNonNull(executionTimeout, "executionTimeout");
        Objects.requireNonNull(maxIterations, "maxIterations");
        Objects.requireNonNull(maxConcurrentExecutions, "maxConcurrentExecutions");
        Objects.requireNonNull(memoryBytesPerAgent, "memoryBytesPerAgent");
        Objects.requireNonNull(storageBytes, "storageBytes");
        Objects.requireNonNull(volumeCount, "volumeCount");
        Objects.requireNonNull(storageTtl, "storageTtl");
        Objects.requireNonNull(auditRetention, "auditRetention");
        Objects.requireNonNull(teamsAndOrgs, "teamsAndOrgs");
        Objects.requireNonNull(selfHosted, "selfHosted");
        Objects.requireNonNull(rateLimits, "rateLimits");
        if (rateLimits.containsKey(AGENT_PER_MINUTE) || rateLimits.containsKey(AGENT_PER_DAY)) {
            throw new IllegalArgumentException("agent executions per minute and per day live in their own fields");
        }
        rateLimits = Collections.unmodifiableSortedMap(new TreeMap<>(rateLimits));
    }

    /** Overrides without any rate limit beyond agent executions per minute and per day. */
    public LimitOverrides(OptionalInt agentExecutionsPerMinute, OptionalInt agentExecutionsPerDay,
            Optional<Duration> executionTimeout, OptionalInt maxIterations, Optional<CountLimit> maxConcurrentExecutions,
            OptionalLong memoryBytesPerAgent, OptionalLong storageBytes, Optional<CountLimit> volumeCount,
            Optional<Duration> storageTtl, Optional<Duration> auditRetention, Optional<Boolean> teamsAndOrgs,
            Optional<Boolean> selfHosted) {
        this(agentExecutionsPerMinute, agentExecutionsPerDay, executionTimeout, maxIterations, maxConcurrentExecutions,
                memoryBytesPerAgent, storageBytes, volumeCount, storageTtl, auditRetention, teamsAndOrgs, selfHosted,
                Map.of());
    }

    /** No overrides at all. */
    public static LimitOverrides none() {
        return NONE;
    }

    public LimitOverrides withMaxIterations(int value) {
        return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, executionTimeout, OptionalInt.of(value),
                maxConcurrentExecutions, memoryBytesPerAgent, storageBytes, volumeCount, storageTtl, auditRetention,
                teamsAndOrgs, selfHosted, rateLimits);
    }

    public LimitOverrides withMaxConcurrentExecutions(CountLimit value) {
        return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, executionTimeout, maxIterations,
                Optional.of(value), memoryBytesPerAgent, storageBytes, volumeCount, storageTtl, auditRetention,
                teamsAndOrgs, selfHosted, rateLimits);
    }

    public LimitOverrides withExecutionTimeout(Duration value) {
        return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, Optional.of(value), maxIterations,
                maxConcurrentExecutions, memoryBytesPerAgent, storageBytes, volumeCount, storageTtl, auditRetention,
                teamsAndOrgs, selfHosted, rateLimits);
    }

    public LimitOverrides withMemoryBytesPerAgent(long value) {
        return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, executionTimeout, maxIterations,
                maxConcurrentExecutions, OptionalLong.of(value), storageBytes, volumeCount, storageTtl, auditRetention,
                teamsAndOrgs, selfHosted, rateLimits);
    }

    public LimitOverrides withAgentExecutionsPerMinute(int value) {
        return new LimitOverrides(OptionalInt.of(value), agentExecutionsPerDay, executionTimeout, maxIterations,
                maxConcurrentExecutions, memoryBytesPerAgent, storageBytes, volumeCount, storageTtl, auditRetention,
                teamsAndOrgs, selfHosted, rateLimits);
    }

    public LimitOverrides withAgentExecutionsPerDay(int value) {
        return new LimitOverrides(agentExecutionsPerMinute, OptionalInt.of(value), executionTimeout, maxIterations,
                maxConcurrentExecutions, memoryBytesPerAgent, storageBytes, volumeCount, storageTtl, auditRetention,
                teamsAndOrgs, selfHosted, rateLimits);
    }

    public LimitOverrides withStorageBytes(long value) {
        return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, executionTimeout, maxIterations,
                maxConcurrentExecutions, memoryBytesPerAgent, OptionalLong.of(value), volumeCount, storageTtl,
                auditRetention, teamsAndOrgs, selfHosted, rateLimits);
    }

    public LimitOverrides withVolumeCount(CountLimit value) {
        return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, executionTimeout, maxIterations,
                maxConcurrentExecutions, memoryBytesPerAgent, storageBytes, Optional.of(value), storageTtl,
                auditRetention, teamsAndOrgs, selfHosted, rateLimits);
    }

    public LimitOverrides withStorageTtl(Duration value) {
        return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, executionTimeout, maxIterations,
                maxConcurrentExecutions, memoryBytesPerAgent, storageBytes, volumeCount, Optional.of(value),
                auditRetention, teamsAndOrgs, selfHosted, rateLimits);
    }

    public LimitOverrides withAuditRetention(Duration value) {
        return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, executionTimeout, maxIterations,
                maxConcurrentExecutions, memoryBytesPerAgent, storageBytes, volumeCount, storageTtl, Optional.of(value),
                teamsAndOrgs, selfHosted, rateLimits);
    }

    public LimitOverrides withTeamsAndOrgs(boolean value) {
        return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, executionTimeout, maxIterations,
                maxConcurrentExecutions, memoryBytesPerAgent, storageBytes, volumeCount, storageTtl, auditRetention,
                Optional.of(value), selfHosted, rateLimits);
    }

    public LimitOverrides withSelfHosted(boolean value) {
        return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, executionTimeout, maxIterations,
                maxConcurrentExecutions, memoryBytesPerAgent, storageBytes, volumeCount, storageTtl, auditRetention,
                teamsAndOrgs, Optional.of(value), rateLimits);
    }

    /**
     * These overrides with the rate limit {@code key} set to {@code value} (unlimited removes the
     * limit). Agent executions per minute and per day go to their own fields and must be a number.
     *
     * @throws InvalidInputException {@code limits.invalid_rate} for an unlimited or too large agent-execution rate
     */
    public LimitOverrides withRateLimit(RateLimitKey key, CountLimit value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.equals(AGENT_PER_MINUTE) || key.equals(AGENT_PER_DAY)) {
            if (value.isUnlimited() || value.max().getAsLong() > Integer.MAX_VALUE) {
                throw new InvalidInputException("limits.invalid_rate", "agent executions per " + key.window().slug()
                        + " must be a number from 0 to " + Integer.MAX_VALUE);
            }
            int max = (int) value.max().getAsLong();
            return key.equals(AGENT_PER_MINUTE) ? withAgentExecutionsPerMinute(max) : withAgentExecutionsPerDay(max);
        }
        SortedMap<RateLimitKey, CountLimit> changed = new TreeMap<>(rateLimits);
        changed.put(key, value);
        return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, executionTimeout, maxIterations,
                maxConcurrentExecutions, memoryBytesPerAgent, storageBytes, volumeCount, storageTtl, auditRetention,
                teamsAndOrgs, selfHosted, changed);
    }

    /** Every rate limit these overrides change, agent executions per minute and per day included. */
    public SortedMap<RateLimitKey, CountLimit> rateLimitChanges() {
        SortedMap<RateLimitKey, CountLimit> all = new TreeMap<>(rateLimits);
        agentExecutionsPerMinute.ifPresent(max -> all.put(AGENT_PER_MINUTE, CountLimit.of(max)));
        agentExecutionsPerDay.ifPresent(max -> all.put(AGENT_PER_DAY, CountLimit.of(max)));
        return Collections.unmodifiableSortedMap(all);
    }
}
