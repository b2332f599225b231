package ai.aegis.application.memory;

import ai.aegis.application.contract.AuditLogPortContract;
import ai.aegis.application.port.out.AuditLogPort;

class InMemoryAuditLogAdapterTest extends AuditLogPortContract {

    @Override
    protected AuditLogPort newAuditLog() {
        return new InMemoryAuditLogAdapter();
    }
}
