package ai.aegis.domain.limits;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.registry.ManifestKind;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How much a caller may use (DESIGN.md §3): rates of agent executions, the time, iteration and
 * memory budget of one execution, concurrency across the whole swarm, storage, audit retention and
 * plan features. Values come from the tier ({@link #forTier}), then the tenant's overrides, then the
 * user's (the user's win): {@link #resolve}. Operators get the Enterprise values unless overridden.
 *
 * <p>Units: memory in binary units (512 MiB, 2/4/8 GiB); storage as the plans state it (Free
 * 500 MiB; Pro 10 GB, Business 50 GB, Enterprise 100 GB in decimal gigabytes). An empty
 * {@code storageTtl} means stored data does not expire (otherwise a volume unused for that long is
 * removed); {@code maxFileBytes} is the largest single file a volume may hold; an empty
 * {@code auditRetention} means the plan keeps no audit log for the customer. {@code agentCount}
 * and {@code workflowCount} cap how many distinct agent and workflow names a tenant's registry may
 * hold (all versions of a name count once).
 */
public record ResourceLimits(
        int agentExecutionsPerMinute,
        int agentExecutionsPerDay,
        Duration executionTimeout,
        int maxIterations,
        CountLimit maxConcurrentExecutions,
        long memoryBytesPerAgent,
        long storageBytes,
        CountLimit volumeCount,
        long maxFileBytes,
        Optional<Duration> storageTtl,
        Optional<Duration> auditRetention,
        boolean teamsAndOrgs,
        boolean selfHosted,
        CountLimit agentCount,
        CountLimit workflowCount) {

    private static final long MIB = 1024L * 1024L;
    private static final long GIB = 1024L * MIB;
    private static final long GB = 1_000_000_000L;

    /** Free: the volume count is configurable; 2 by default. */
    public static final int FREE_DEFAULT_VOLUME_COUNT = 2;

    /**
     * The largest single file a volume may hold, per tier (configurable; the plans name none, so these
     * defaults keep one file well under the plan's total): Free 100 MiB, Pro 1 GiB, Business 5 GiB,
     * Enterprise 10 GiB.
     */
    public static final long FREE_DEFAULT_MAX_FILE_BYTES = 100 * MIB;

    public ResourceLimits {
        if (agentExecutionsPerMinute < 0 || agentExecutionsPerDay < 0) {
            throw new InvalidInputException("limits.invalid_rate", "execution rate limits cannot be negative");
        }
        Objects.requireNonNull(executionTimeout, "executionTimeout");
        if (executionTimeout.isNegative() || executionTimeout.isZero()) {
            throw new InvalidInputException("limits.invalid_timeout", "the execution timeout must be positive");
        }
        if (maxIterations < 1) {
            throw new InvalidInputException("limits.invalid_iterations", "max iterations must be at least 1");
        }
        Objects.requireNonNull(maxConcurrentExecutions, "maxConcurrentExecutions");
        if (memoryBytesPerAgent <= 0) {
            throw new InvalidInputException("limits.invalid_memory", "memory per agent must be positive");
        }
        if (storageBytes < 0) {
            throw new InvalidInputException("limits.invalid_storage", "storage cannot be negative");
        }
        Objects.requireNonNull(volumeCount, "volumeCount");
        if (maxFileBytes < 0) {
            throw new InvalidInputException("limits.invalid_file_size", "the largest file size cannot be negative");
        }
        storageTtl = requirePositive(storageTtl, "storage TTL");
        auditRetention = requirePositive(auditRetention, "audit retention");
        Objects.requireNonNull(agentCount, "agentCount");
        Objects.requireNonNull(workflowCount, "workflowCount");
    }

    private static Optional<Duration> requirePositive(Optional<Duration> value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isPresent() && (value.get().isNegative() || value.get().isZero())) {
            throw new InvalidInputException("limits.invalid_duration", what + " must be positive when set");
        }
        return value;
    }

    /** The defaults of a tier, exactly as in the DESIGN.md §3 table. */
    public static ResourceLimits forTier(ZaruTier tier) {
        switch (tier) {
            case FREE:
                return new ResourceLimits(3, 20, Duration.ofMinutes(5), 5, CountLimit.of(1), 512 * MIB, 500 * MIB,
                        CountLimit.of(FREE_DEFAULT_VOLUME_COUNT), FREE_DEFAULT_MAX_FILE_BYTES, Optional.empty(),
                        Optional.empty(), false, false, CountLimit.of(5), CountLimit.of(5));
            case PRO:
                return new ResourceLimits(10, 200, Duration.ofMinutes(30), 10, CountLimit.of(5), 2 * GIB, 10 * GB,
                        CountLimit.unlimited(), GIB, Optional.of(Duration.ofDays(30)), Optional.empty(), false, false,
                        CountLimit.of(50), CountLimit.of(50));
            case BUSINESS:
                return new ResourceLimits(30, 1_000, Duration.ofHours(4), 25, CountLimit.of(50), 4 * GIB, 50 * GB,
                        CountLimit.unlimited(), 5 * GIB, Optional.empty(), Optional.of(Duration.ofDays(90)), true, false,
                        CountLimit.of(200), CountLimit.of(200));
            case ENTERPRISE:
                return new ResourceLimits(100, 10_000, Duration.ofHours(24), 50, CountLimit.unlimited(), 8 * GIB, 100 * GB,
                        CountLimit.unlimited(), 10 * GIB, Optional.empty(), Optional.of(Duration.ofDays(365)), true, true,
                        CountLimit.of(500), CountLimit.of(500));
            default:
                throw new IllegalStateException("unhandled tier " + tier);
        }
    }

    /** Operators are limited like Enterprise unless configured otherwise. */
    public static ResourceLimits operatorDefaults() {
        return forTier(ZaruTier.ENTERPRISE);
    }

    /** The defaults for an identity: its tier's, or the operator defaults. */
    public static ResourceLimits defaultsFor(Identity identity) {
        if (identity instanceof Identity.ZaruUser user) {
            return forTier(user.tier());
        }
        return operatorDefaults();
    }

    /** The tier's defaults with the tenant's overrides applied, then the user's (the user's win). */
    public static ResourceLimits resolve(ZaruTier tier, LimitOverrides tenantOverrides, LimitOverrides userOverrides) {
        return forTier(tier).apply(tenantOverrides).apply(userOverrides);
    }

    /** {@link #resolve} for any identity (operators start from the operator defaults). */
    public static ResourceLimits resolve(Identity identity, LimitOverrides tenantOverrides, LimitOverrides userOverrides) {
        return defaultsFor(identity).apply(tenantOverrides).apply(userOverrides);
    }

    /** These limits with every present override applied. */
    public ResourceLimits apply(LimitOverrides o) {
        Objects.requireNonNull(o, "overrides");
        return new ResourceLimits(
                o.agentExecutionsPerMinute().orElse(agentExecutionsPerMinute),
                o.agentExecutionsPerDay().orElse(agentExecutionsPerDay),
                o.executionTimeout().orElse(executionTimeout),
                o.maxIterations().orElse(maxIterations),
                o.maxConcurrentExecutions().orElse(maxConcurrentExecutions),
                o.memoryBytesPerAgent().orElse(memoryBytesPerAgent),
                o.storageBytes().orElse(storageBytes),
                o.volumeCount().orElse(volumeCount),
                o.maxFileBytes().orElse(maxFileBytes),
                o.storageTtl().isPresent() ? noneIfZero(o.storageTtl().get()) : storageTtl,
                o.auditRetention().isPresent() ? noneIfZero(o.auditRetention().get()) : auditRetention,
                o.teamsAndOrgs().orElse(teamsAndOrgs),
                o.selfHosted().orElse(selfHosted),
                o.agentCount().orElse(agentCount),
                o.workflowCount().orElse(workflowCount));
    }

    private static Optional<Duration> noneIfZero(Duration value) {
        return value.isZero() ? Optional.empty() : Optional.of(value);
    }

    /** The cap on distinct names of {@code kind} in the tenant's registry. */
    public CountLimit manifestCount(ManifestKind kind) {
        return kind == ManifestKind.AGENT ? agentCount : workflowCount;
    }

    /** True when the plan keeps an audit log the customer can read. */
    public boolean hasAuditLog() {
        return auditRetention.isPresent();
    }

    /** True when {@code resource} is rate limited for this user; BYOK users are exempt from model limits only. */
    public static boolean isRateLimited(RateLimitedResource resource, boolean byok) {
        return resource.isLimitedFor(byok);
    }
}
