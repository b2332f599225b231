package ai.aegis.application.port.in;

import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.tenancy.UserAccount;
import java.util.Objects;

/** An operator asks what is configured for one user of a tenant ({@code subject}: the user's verified id). */
public record GetUserAccountQuery(Identity identity, TenantId tenantId, String subject) {

    public GetUserAccountQuery {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(tenantId, "tenantId");
        UserAccount.standard(tenantId, subject);
    }
}
