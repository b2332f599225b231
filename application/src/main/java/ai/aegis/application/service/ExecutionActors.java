package ai.aegis.application.service;

import ai.aegis.application.port.out.ExecutionRepositoryPort;
import ai.aegis.application.port.out.LimitOverridesPort;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.limits.ResourceLimits;
import ai.aegis.domain.tenancy.TenantScope;
import java.time.Duration;

/**
 * The identity a node acts as when it works on an execution: the execution's owner, read from the
 * stored tree, never from the request. Operators' executions (platform tenant) act with the
 * operator role, the least role that may change executions.
 *
 * <p>The tier is not stored on executions, so it is recovered from the root's budget: a root is
 * created with exactly its owner's resolved limits (timeout, memory, iterations), so the lowest
 * tier whose resolved limits (with the tenant's and user's current overrides) reproduce that
 * budget is the owner's. When none does (overrides changed since), the most restrictive tier
 * (Free) is assumed, so a node can never obtain more than the owner's plan allows.
 */
final class ExecutionActors {

    private final ExecutionRepositoryPort executions;
    private final LimitOverridesPort overrides;

    ExecutionActors(ExecutionRepositoryPort executions, LimitOverridesPort overrides) {
        this.executions = executions;
        this.overrides = overrides;
    }

    Identity ownerOf(Execution execution) {
        if (TenantScope.SYSTEM.equals(execution.tenantId())) {
            return new Identity.Operator(execution.ownerSubject(), AegisRole.OPERATOR);
        }
        ExecutionTree tree = executions.loadTree(execution.tenantId(), execution.id(), ExecutionTree.DEFAULT_MAX_DEPTH)
                .orElseThrow(() -> new NotFoundException("execution.not_found", "execution " + execution.id()
                        + " was not found"));
        return new Identity.ZaruUser(ZaruUserId.of(execution.ownerSubject()), execution.tenantId(),
                tierOf(tree.root()));
    }

    private ZaruTier tierOf(Execution root) {
        TenantId tenant = root.tenantId();
        LimitOverrides tenantOverrides = overrides.forTenant(tenant);
        LimitOverrides userOverrides = overrides.forUser(tenant, root.ownerSubject());
        Duration timeout = Duration.between(root.createdAt(), root.deadline());
        for (ZaruTier tier : ZaruTier.values()) {
            ResourceLimits limits = ResourceLimits.resolve(tier, tenantOverrides, userOverrides);
            if (limits.maxIterations() == root.maxIterations() && limits.memoryBytesPerAgent() == root.memoryBytes()
                    && limits.executionTimeout().equals(timeout)) {
                return tier;
            }
        }
        return ZaruTier.FREE;
    }
}
