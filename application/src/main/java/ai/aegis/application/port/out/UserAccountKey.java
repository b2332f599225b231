package ai.aegis.application.port.out;

import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.tenancy.UserAccount;
import java.util.Objects;

/**
 * Where one user account sits in the (tenant, subject) order users are listed in: the cursor of a
 * page of {@link TenantAccountPort#listUsers}.
 */
public record UserAccountKey(TenantId tenantId, String subject) {

    public UserAccountKey {
        Objects.requireNonNull(tenantId, "tenantId");
        // The same rules as an account's subject: validated by building the standard account.
        UserAccount.standard(tenantId, subject);
    }

    /** The key of {@code account}. */
    public static UserAccountKey of(UserAccount account) {
        return new UserAccountKey(account.tenantId(), account.subject());
    }
}
