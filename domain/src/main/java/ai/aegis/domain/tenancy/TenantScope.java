package ai.aegis.domain.tenancy;

import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;

/**
 * The tenant an identity acts in. A consumer always acts in their own per-user tenant; operators
 * have no consumer tenant and act in the platform's own tenant {@value #SYSTEM_TENANT_VALUE}, so
 * their conversations and executions never mix with any consumer's data.
 */
public final class TenantScope {

    static final String SYSTEM_TENANT_VALUE = "aegis-system";

    /** The platform's own tenant, where operator sessions live. */
    public static final TenantId SYSTEM = new TenantId(SYSTEM_TENANT_VALUE);

    private TenantScope() {
    }

    /** The tenant {@code identity} acts in, derived from the verified identity only. */
    public static TenantId of(Identity identity) {
        if (identity instanceof Identity.ZaruUser user) {
            return user.tenantId();
        }
        return SYSTEM;
    }

    /** Which kind of identity owns data in {@code tenant}: operators in the platform tenant, Zaru users elsewhere. */
    public static ai.aegis.domain.identity.IdentityKind kindOf(TenantId tenant) {
        return SYSTEM.equals(tenant) ? ai.aegis.domain.identity.IdentityKind.OPERATOR
                : ai.aegis.domain.identity.IdentityKind.ZARU_USER;
    }
}
