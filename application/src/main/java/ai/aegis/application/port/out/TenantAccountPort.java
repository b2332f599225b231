package ai.aegis.application.port.out;

import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.tenancy.TenantAccount;
import ai.aegis.domain.tenancy.UserAccount;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Tenant and user accounts: per tenant the plan its users were last verified with
 * ({@link TenantAccount}), per user what an administrator set ({@link UserAccount}). Shared by
 * every instance; each call is atomic, so concurrent recordings of one tenant end in the plan the
 * domain rule gives ({@link TenantAccount#planAfterSeeing}) whatever their order for an
 * organisation, and in one of the seen tiers for a consumer. The operator tenant has no account.
 */
public interface TenantAccountPort {

    /**
     * Records that a user of {@code tenant} was verified with {@code tier} at {@code at} and answers
     * the account as stored afterwards; the stored account changes only when its plan does.
     */
    TenantAccount recordPlanSeen(TenantId tenant, ZaruTier tier, Instant at);

    /** The tenant's account; empty when no user of it was ever recorded. */
    Optional<TenantAccount> tenant(TenantId tenant);

    /** What is configured for one user; {@link UserAccount#standard} when nothing is. */
    UserAccount user(TenantId tenant, String subject);

    /** Replaces what is configured for the account's user as a whole. */
    void saveUser(UserAccount account);

    /**
     * Tenants with an account, in tenant-id order, starting after {@code after} (exclusive), at most
     * {@code limit} (1 or more). Reads across tenants: for operator administration only.
     */
    List<TenantAccount> listTenants(Optional<TenantId> after, int limit);

    /**
     * Users somebody configured (those {@link #saveUser} stored), in (tenant, subject) order,
     * starting after {@code after} (exclusive), at most {@code limit} (1 or more); only those of
     * {@code tenant} when given, else across tenants (operator administration only).
     */
    List<UserAccount> listUsers(Optional<TenantId> tenant, Optional<UserAccountKey> after, int limit);

    /** True when an administrator suspended the whole tenant: none of its users may call anything. */
    boolean tenantSuspended(TenantId tenant);

    /** Suspends the whole tenant, or lifts its suspension; the same value twice changes nothing. */
    void setTenantSuspended(TenantId tenant, boolean suspended);
}
