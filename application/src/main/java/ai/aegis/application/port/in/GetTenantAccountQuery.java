package ai.aegis.application.port.in;

import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import java.util.Objects;

/** An operator asks about one tenant. */
public record GetTenantAccountQuery(Identity identity, TenantId tenantId) {

    public GetTenantAccountQuery {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(tenantId, "tenantId");
    }
}
