package ai.aegis.application.memory;

import ai.aegis.application.contract.LimitOverridesPortContract;
import ai.aegis.application.port.out.LimitOverridesPort;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.limits.LimitOverrides;

class InMemoryLimitOverridesAdapterTest extends LimitOverridesPortContract {

    private InMemoryLimitOverridesAdapter adapter;

    @Override
    protected LimitOverridesPort newLimitOverridesPort() {
        adapter = new InMemoryLimitOverridesAdapter();
        return adapter;
    }

    @Override
    protected void configureTenant(TenantId tenantId, LimitOverrides value) {
        adapter.setTenant(tenantId, value);
    }

    @Override
    protected void configureUser(TenantId tenantId, String subject, LimitOverrides value) {
        adapter.setUser(tenantId, subject, value);
    }
}
