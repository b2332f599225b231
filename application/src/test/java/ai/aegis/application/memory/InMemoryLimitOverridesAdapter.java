package ai.aegis.application.memory;

import ai.aegis.application.port.out.LimitOverridesPort;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.limits.LimitOverrides;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Limit overrides set by tests. Thread-safe. */
public final class InMemoryLimitOverridesAdapter implements LimitOverridesPort {

    private final Map<TenantId, LimitOverrides> tenants = new ConcurrentHashMap<>();
    private final Map<String, LimitOverrides> users = new ConcurrentHashMap<>();

    @Override
    public LimitOverrides forTenant(TenantId tenantId) {
        return tenants.getOrDefault(tenantId, LimitOverrides.none());
    }

    @Override
    public LimitOverrides forUser(TenantId tenantId, String subject) {
        return users.getOrDefault(tenantId.value() + "/" + subject, LimitOverrides.none());
    }

    @Override
    public void setTenant(TenantId tenantId, LimitOverrides overrides) {
        tenants.put(tenantId, overrides);
    }

    @Override
    public void setUser(TenantId tenantId, String subject, LimitOverrides overrides) {
        users.put(tenantId.value() + "/" + subject, overrides);
    }
}
