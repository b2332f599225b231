package ai.aegis.application.memory;

import ai.aegis.application.contract.TenantAccountPortContract;
import ai.aegis.application.port.out.TenantAccountPort;

class InMemoryTenantAccountAdapterTest extends TenantAccountPortContract {

    @Override
    protected TenantAccountPort newTenantAccounts() {
        return new InMemoryTenantAccountAdapter();
    }
}
