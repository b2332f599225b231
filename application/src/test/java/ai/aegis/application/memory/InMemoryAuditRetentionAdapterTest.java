package ai.aegis.application.memory;

import ai.aegis.application.contract.AuditRetentionPortContract;

class InMemoryAuditRetentionAdapterTest extends AuditRetentionPortContract {

    @Override
    protected Ports newPorts() {
        InMemoryAuditLogAdapter adapter = new InMemoryAuditLogAdapter();
        return new Ports(adapter, adapter);
    }
}
