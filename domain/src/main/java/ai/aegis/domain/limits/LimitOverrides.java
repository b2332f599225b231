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
        OptionalLong maxFileBytes,
        Optional<Duration> storageTtl,
        Optional<Duration> auditRetention,
        Optional<Boolean> teamsAndOrgs,
        Optional<Boolean> selfHosted,
        Optional<CountLimit> agentCount,
        Optional<CountLimit> workflowCount,
        Map<RateLimitKey, CountLimit> rateLimits) {

    // Declared before NONE: the constructor reads them.
    private static final RateLimitKey AGENT_PER_MINUTE = RateLimitKey.of(RateLimitedResource.AGENT_EXECUTION,
            RateWindow.MINUTE);
    private static final RateLimitKey AGENT_PER_DAY = RateLimitKey.of(RateLimitedResource.AGENT_EXECUTION,
            RateWindow.DAY);

    private static final LimitOverrides NONE = new Draft().build();

    public LimitOverrides {
        Objects.requireNonNull(agentExecutionsPerMinute, "agentExecutionsPerMinute");
        Objects.requireNonNull(agentExecutionsPerDay, "agentExecutionsPerDay");
        Objects.requireNonNull(executionTimeout, "executionTimeout");
        Objects.requireNonNull(maxIterations, "maxIterations");
        Objects.requireNonNull(maxConcurrentExecutions, "maxConcurrentExecutions");
        Objects.requireNonNull(memoryBytesPerAgent, "memoryBytesPerAgent");
        Objects.requireNonNull(storageBytes, "storageBytes");
        Objects.requireNonNull(volumeCount, "volumeCount");
        Objects.requireNonNull(maxFileBytes, "maxFileBytes");
        Objects.requireNonNull(storageTtl, "storageTtl");
        Objects.requireNonNull(auditRetention, "auditRetention");
        Objects.requireNonNull(teamsAndOrgs, "teamsAndOrgs");
        Objects.requireNonNull(selfHosted, "selfHosted");
        Objects.requireNonNull(agentCount, "agentCount");
        Objects.requireNonNull(workflowCount, "workflowCount");
        Objects.requireNonNull(rateLimits, "rateLimits");
        if (rateLimits.containsKey(AGENT_PER_MINUTE) || rateLimits.containsKey(AGENT_PER_DAY)) {
            throw new IllegalArgumentException("agent executions per minute and per day live in their own fields");
        }
        rateLimits = Collections.unmodifiableSortedMap(new TreeMap<>(rateLimits));
    }

    /** No overrides at all. */
    public static LimitOverrides none() {
        return NONE;
    }

    public LimitOverrides withAgentExecutionsPerMinute(int value) {
        return draft().agentExecutionsPerMinute(OptionalInt.of(value)).build();
    }

    public LimitOverrides withAgentExecutionsPerDay(int value) {
        return draft().agentExecutionsPerDay(OptionalInt.of(value)).build();
    }

    public LimitOverrides withExecutionTimeout(Duration value) {
        return draft().executionTimeout(Optional.of(value)).build();
    }

    public LimitOverrides withMaxIterations(int value) {
        return draft().maxIterations(OptionalInt.of(value)).build();
    }

    public LimitOverrides withMaxConcurrentExecutions(CountLimit value) {
        return draft().maxConcurrentExecutions(Optional.of(value)).build();
    }

    public LimitOverrides withMemoryBytesPerAgent(long value) {
        return draft().memoryBytesPerAgent(OptionalLong.of(value)).build();
    }

    public LimitOverrides withStorageBytes(long value) {
        return draft().storageBytes(OptionalLong.of(value)).build();
    }

    public LimitOverrides withVolumeCount(CountLimit value) {
        return draft().volumeCount(Optional.of(value)).build();
    }

    public LimitOverrides withMaxFileBytes(long value) {
        return draft().maxFileBytes(OptionalLong.of(value)).build();
    }

    public LimitOverrides withStorageTtl(Duration value) {
        return draft().storageTtl(Optional.of(value)).build();
    }

    public LimitOverrides withAuditRetention(Duration value) {
        return draft().auditRetention(Optional.of(value)).build();
    }

    public LimitOverrides withTeamsAndOrgs(boolean value) {
        return draft().teamsAndOrgs(Optional.of(value)).build();
    }

    public LimitOverrides withSelfHosted(boolean value) {
        return draft().selfHosted(Optional.of(value)).build();
    }

    public LimitOverrides withAgentCount(CountLimit value) {
        return draft().agentCount(Optional.of(value)).build();
    }

    public LimitOverrides withWorkflowCount(CountLimit value) {
        return draft().workflowCount(Optional.of(value)).build();
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
        return draft().rateLimits(changed).build();
    }

    /** These overrides with every rate limit of the map replaced by {@code changes} (agent-execution rates excluded). */
    public LimitOverrides withRateLimits(Map<RateLimitKey, CountLimit> changes) {
        return draft().rateLimits(changes).build();
    }

    /** Every rate limit these overrides change, agent executions per minute and per day included. */
    public SortedMap<RateLimitKey, CountLimit> rateLimitChanges() {
        SortedMap<RateLimitKey, CountLimit> all = new TreeMap<>(rateLimits);
        agentExecutionsPerMinute.ifPresent(max -> all.put(AGENT_PER_MINUTE, CountLimit.of(max)));
        agentExecutionsPerDay.ifPresent(max -> all.put(AGENT_PER_DAY, CountLimit.of(max)));
        return Collections.unmodifiableSortedMap(all);
    }

    private Draft draft() {
        return new Draft(this);
    }

    /** A copy being changed one field at a time, so each wither names only the field it sets. */
    private static final class Draft {
        private OptionalInt agentExecutionsPerMinute = OptionalInt.empty();
        private OptionalInt agentExecutionsPerDay = OptionalInt.empty();
        private Optional<Duration> executionTimeout = Optional.empty();
        private OptionalInt maxIterations = OptionalInt.empty();
        private Optional<CountLimit> maxConcurrentExecutions = Optional.empty();
        private OptionalLong memoryBytesPerAgent = OptionalLong.empty();
        private OptionalLong storageBytes = OptionalLong.empty();
        private Optional<CountLimit> volumeCount = Optional.empty();
        private OptionalLong maxFileBytes = OptionalLong.empty();
        private Optional<Duration> storageTtl = Optional.empty();
        private Optional<Duration> auditRetention = Optional.empty();
        private Optional<Boolean> teamsAndOrgs = Optional.empty();
        private Optional<Boolean> selfHosted = Optional.empty();
        private Optional<CountLimit> agentCount = Optional.empty();
        private Optional<CountLimit> workflowCount = Optional.empty();
        private Map<RateLimitKey, CountLimit> rateLimits = Map.of();

        Draft() {
        }

        Draft(LimitOverrides o) {
            agentExecutionsPerMinute = o.agentExecutionsPerMinute;
            agentExecutionsPerDay = o.agentExecutionsPerDay;
            executionTimeout = o.executionTimeout;
            maxIterations = o.maxIterations;
            maxConcurrentExecutions = o.maxConcurrentExecutions;
            memoryBytesPerAgent = o.memoryBytesPerAgent;
            storageBytes = o.storageBytes;
            volumeCount = o.volumeCount;
            maxFileBytes = o.maxFileBytes;
            storageTtl = o.storageTtl;
            auditRetention = o.auditRetention;
            teamsAndOrgs = o.teamsAndOrgs;
            selfHosted = o.selfHosted;
            agentCount = o.agentCount;
            workflowCount = o.workflowCount;
            rateLimits = o.rateLimits;
        }

        Draft agentExecutionsPerMinute(OptionalInt value) {
            agentExecutionsPerMinute = value;
            return this;
        }

        Draft agentExecutionsPerDay(OptionalInt value) {
            agentExecutionsPerDay = value;
            return this;
        }

        Draft executionTimeout(Optional<Duration> value) {
            executionTimeout = value;
            return this;
        }

        Draft maxIterations(OptionalInt value) {
            maxIterations = value;
            return this;
        }

        Draft maxConcurrentExecutions(Optional<CountLimit> value) {
            maxConcurrentExecutions = value;
            return this;
        }

        Draft memoryBytesPerAgent(OptionalLong value) {
            memoryBytesPerAgent = value;
            return this;
        }

        Draft storageBytes(OptionalLong value) {
            storageBytes = value;
            return this;
        }

        Draft volumeCount(Optional<CountLimit> value) {
            volumeCount = value;
            return this;
        }

        Draft maxFileBytes(OptionalLong value) {
            maxFileBytes = value;
            return this;
        }

        Draft storageTtl(Optional<Duration> value) {
            storageTtl = value;
            return this;
        }

        Draft auditRetention(Optional<Duration> value) {
            auditRetention = value;
            return this;
        }

        Draft teamsAndOrgs(Optional<Boolean> value) {
            teamsAndOrgs = value;
            return this;
        }

        Draft selfHosted(Optional<Boolean> value) {
            selfHosted = value;
            return this;
        }

        Draft agentCount(Optional<CountLimit> value) {
            agentCount = value;
            return this;
        }

        Draft workflowCount(Optional<CountLimit> value) {
            workflowCount = value;
            return this;
        }

        Draft rateLimits(Map<RateLimitKey, CountLimit> value) {
            rateLimits = value;
            return this;
        }

        LimitOverrides build() {
            return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, executionTimeout, maxIterations,
                    maxConcurrentExecutions, memoryBytesPerAgent, storageBytes, volumeCount, maxFileBytes, storageTtl,
                    auditRetention, teamsAndOrgs, selfHosted, agentCount, workflowCount, rateLimits);
        }
    }
}
