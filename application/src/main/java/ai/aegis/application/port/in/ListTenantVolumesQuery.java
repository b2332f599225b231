package ai.aegis.application.port.in;

import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import java.util.Objects;

/** An operator's look at the volumes of any tenant (volume administration). */
public record ListTenantVolumesQuery(Identity operator, TenantId tenantId) {

    public ListTenantVolumesQuery {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(tenantId, "tenantId");
    }
}
