package ai.aegis.domain.limits;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Per-tenant or per-user changes to the tier's {@link ResourceLimits}. Every field is optional; an
 * absent field leaves the value underneath unchanged. {@code auditRetention} and {@code storageTtl}
 * take {@link Duration#ZERO} to mean "none".
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
        Optional<CountLimit> workflowCount) {

    private static final LimitOverrides NONE = new LimitOverrides(OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(),
                OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), OptionalLong.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());

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
    }

    /** No overrides at all. */
    public static LimitOverrides none() {
        return NONE;
    }

    public LimitOverrides withMaxIterations(int value) {
        return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, executionTimeout, OptionalInt.of(value),
                maxConcurrentExecutions, memoryBytesPerAgent, storageBytes, volumeCount, maxFileBytes, storageTtl,
                auditRetention, teamsAndOrgs, selfHosted, agentCount, workflowCount);
    }

    public LimitOverrides withMaxConcurrentExecutions(CountLimit value) {
        return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, executionTimeout, maxIterations,
                Optional.of(value), memoryBytesPerAgent, storageBytes, volumeCount, maxFileBytes, storageTtl,
                auditRetention, teamsAndOrgs, selfHosted, agentCount, workflowCount);
    }

    public LimitOverrides withExecutionTimeout(Duration value) {
        return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, Optional.of(value), maxIterations,
                maxConcurrentExecutions, memoryBytesPerAgent, storageBytes, volumeCount, maxFileBytes, storageTtl,
                auditRetention, teamsAndOrgs, selfHosted, agentCount, workflowCount);
    }

    public LimitOverrides withMemoryBytesPerAgent(long value) {
        return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, executionTimeout, maxIterations,
                maxConcurrentExecutions, OptionalLong.of(value), storageBytes, volumeCount, maxFileBytes,
                storageTtl, auditRetention, teamsAndOrgs, selfHosted, agentCount, workflowCount);
    }

    public LimitOverrides withAgentExecutionsPerMinute(int value) {
        return new LimitOverrides(OptionalInt.of(value), agentExecutionsPerDay, executionTimeout, maxIterations,
                maxConcurrentExecutions, memoryBytesPerAgent, storageBytes, volumeCount, maxFileBytes, storageTtl,
                auditRetention, teamsAndOrgs, selfHosted, agentCount, workflowCount);
    }

    public LimitOverrides withAgentExecutionsPerDay(int value) {
        return new LimitOverrides(agentExecutionsPerMinute, OptionalInt.of(value), executionTimeout, maxIterations,
                maxConcurrentExecutions, memoryBytesPerAgent, storageBytes, volumeCount, maxFileBytes, storageTtl,
                auditRetention, teamsAndOrgs, selfHosted, agentCount, workflowCount);
    }

    public LimitOverrides withStorageBytes(long value) {
        return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, executionTimeout, maxIterations,
                maxConcurrentExecutions, memoryBytesPerAgent, OptionalLong.of(value), volumeCount, maxFileBytes,
                storageTtl, auditRetention, teamsAndOrgs, selfHosted, agentCount, workflowCount);
    }

    public LimitOverrides withVolumeCount(CountLimit value) {
        return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, executionTimeout, maxIterations,
                maxConcurrentExecutions, memoryBytesPerAgent, storageBytes, Optional.of(value), maxFileBytes,
                storageTtl, auditRetention, teamsAndOrgs, selfHosted, agentCount, workflowCount);
    }

    public LimitOverrides withStorageTtl(Duration value) {
        return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, executionTimeout, maxIterations,
                maxConcurrentExecutions, memoryBytesPerAgent, storageBytes, volumeCount, maxFileBytes,
                Optional.of(value), auditRetention, teamsAndOrgs, selfHosted, agentCount, workflowCount);
    }

    public LimitOverrides withAuditRetention(Duration value) {
        return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, executionTimeout, maxIterations,
                maxConcurrentExecutions, memoryBytesPerAgent, storageBytes, volumeCount, maxFileBytes, storageTtl,
                Optional.of(value), teamsAndOrgs, selfHosted, agentCount, workflowCount);
    }

    public LimitOverrides withTeamsAndOrgs(boolean value) {
        return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, executionTimeout, maxIterations,
                maxConcurrentExecutions, memoryBytesPerAgent, storageBytes, volumeCount, maxFileBytes, storageTtl,
                auditRetention, Optional.of(value), selfHosted, agentCount, workflowCount);
    }

    public LimitOverrides withSelfHosted(boolean value) {
        return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, executionTimeout, maxIterations,
                maxConcurrentExecutions, memoryBytesPerAgent, storageBytes, volumeCount, maxFileBytes, storageTtl,
                auditRetention, teamsAndOrgs, Optional.of(value), agentCount, workflowCount);
    }

    public LimitOverrides withAgentCount(CountLimit value) {
        return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, executionTimeout, maxIterations,
                maxConcurrentExecutions, memoryBytesPerAgent, storageBytes, volumeCount, maxFileBytes, storageTtl,
                auditRetention, teamsAndOrgs, selfHosted, Optional.of(value), workflowCount);
    }

    public LimitOverrides withWorkflowCount(CountLimit value) {
        return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, executionTimeout, maxIterations,
                maxConcurrentExecutions, memoryBytesPerAgent, storageBytes, volumeCount, maxFileBytes, storageTtl,
                auditRetention, teamsAndOrgs, selfHosted, agentCount, Optional.of(value));
    }

    public LimitOverrides withMaxFileBytes(long value) {
        return new LimitOverrides(agentExecutionsPerMinute, agentExecutionsPerDay, executionTimeout, maxIterations,
                maxConcurrentExecutions, memoryBytesPerAgent, storageBytes, volumeCount, OptionalLong.of(value),
                storageTtl, auditRetention, teamsAndOrgs, selfHosted, agentCount, workflowCount);
    }
}
