package ai.aegis.application.service;

import ai.aegis.application.port.in.GetTenantAccountQuery;
import ai.aegis.application.port.in.GetTenantAccountUseCase;
import ai.aegis.application.port.in.GetUserAccountQuery;
import ai.aegis.application.port.in.GetUserAccountUseCase;
import ai.aegis.application.port.in.ListTenantAccountsQuery;
import ai.aegis.application.port.in.ListTenantAccountsUseCase;
import ai.aegis.application.port.in.ListUserAccountsQuery;
import ai.aegis.application.port.in.ListUserAccountsUseCase;
import ai.aegis.application.port.in.TenantAccountDetails;
import ai.aegis.application.port.in.TenantAccountPage;
import ai.aegis.application.port.in.UpdateTenantAccountCommand;
import ai.aegis.application.port.in.UpdateTenantAccountUseCase;
import ai.aegis.application.port.in.UpdateUserAccountCommand;
import ai.aegis.application.port.in.UpdateUserAccountUseCase;
import ai.aegis.application.port.in.UserAccountDetails;
import ai.aegis.application.port.in.UserAccountPage;
import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.LimitOverridesPort;
import ai.aegis.application.port.out.TenantAccountPort;
import ai.aegis.application.port.out.UserAccountKey;
import ai.aegis.application.port.out.UserModelKeyPort;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.UnavailableException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.limits.ResourceLimits;
import ai.aegis.domain.security.ToolCatalog;
import ai.aegis.domain.tenancy.TenantAccount;
import ai.aegis.domain.tenancy.TenantScope;
import ai.aegis.domain.tenancy.UserAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * User and tenant administration for operators of the aegis-system realm (DESIGN.md §4): every
 * operator role reads any tenant's accounts; only {@code admin} changes them (tier override, BYOK
 * and the user's own model key, limit overrides, suspension). A stored model key is never shown,
 * only its fingerprint, and never enters the audit trail. Every call, read or change, is audited in the platform tenant with
 * the tenant (and user) it touched as its target ({@code operator.user.update} on
 * {@code acme-labs/alice}), because these are deliberate cross-tenant actions. Consumers are refused
 * before anything is read.
 *
 * <p>Changes take effect without a restart: limit overrides on the user's next call (the rate
 * limiter reads them per call), tier override and suspension when the user's next SEAL token is
 * issued ({@link AuthenticationService}).
 */
public final class AccountAdministrationService implements GetUserAccountUseCase, ListUserAccountsUseCase,
        UpdateUserAccountUseCase, GetTenantAccountUseCase, ListTenantAccountsUseCase, UpdateTenantAccountUseCase {

    private final TenantAccountPort accounts;
    private final LimitOverridesPort overrides;
    private final UserModelKeyPort modelKeys;
    private final Auditor auditor;

    public AccountAdministrationService(TenantAccountPort accounts, LimitOverridesPort overrides,
            UserModelKeyPort modelKeys, AuditLogPort auditLog, ClockPort clock) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.overrides = Objects.requireNonNull(overrides, "overrides");
        this.modelKeys = Objects.requireNonNull(modelKeys, "modelKeys");
        this.auditor = new Auditor(Objects.requireNonNull(auditLog, "auditLog"), Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public UserAccountDetails get(GetUserAccountQuery query) {
        return auditor.run(query.identity(), "operator.user.get", Optional.of(target(query.tenantId(), query.subject())),
                () -> {
                    requireRole(query.identity(), "aegis.user.get", "reading user accounts");
                    return userDetails(query.tenantId(), query.subject());
                });
    }

    @Override
    public UserAccountPage list(ListUserAccountsQuery query) {
        return auditor.run(query.identity(), "operator.user.list", query.tenantId().map(TenantId::value), () -> {
            requireRole(query.identity(), "aegis.user.list", "listing user accounts");
            List<UserAccount> read = accounts.listUsers(query.tenantId(), query.after(), query.limit() + 1);
            List<UserAccount> page = read.size() > query.limit() ? read.subList(0, query.limit()) : read;
            Optional<UserAccountKey> next = read.size() > query.limit()
                    ? Optional.of(UserAccountKey.of(page.get(page.size() - 1))) : Optional.empty();
            return new UserAccountPage(page, next);
        });
    }

    @Override
    public UserAccountDetails update(UpdateUserAccountCommand command) {
        Identity actor = command.identity();
        return auditor.run(actor, "operator.user.update", Optional.of(target(command.tenantId(), command.subject())),
                () -> {
                    requireRole(actor, "aegis.user.update", "changing user accounts");
                    if (command.suspended().orElse(false) && TenantScope.SYSTEM.equals(command.tenantId())
                            && actor.subject().equals(command.subject())) {
                        throw new InvalidInputException("user.self_suspension",
                                "an administrator cannot suspend themselves; ask another administrator");
                    }
                    UserAccount account = accounts.user(command.tenantId(), command.subject());
                    if (command.tierOverride().isPresent()) {
                        account = account.withTierOverride(command.tierOverride());
                    } else if (command.clearTierOverride()) {
                        account = account.withTierOverride(Optional.empty());
                    }
                    account = account.withByok(command.byok().orElse(account.byok()))
                            .withSuspended(command.suspended().orElse(account.suspended()));
                    accounts.saveUser(account);
                    command.limitOverrides().ifPresent(
                            value -> overrides.setUser(command.tenantId(), command.subject(), value));
                    command.modelKey().ifPresent(key -> modelKeys.save(command.tenantId(), command.subject(), key));
                    if (command.clearModelKey()) {
                        modelKeys.remove(command.tenantId(), command.subject());
                    }
                    return userDetails(command.tenantId(), command.subject());
                });
    }

    @Override
    public TenantAccountDetails get(GetTenantAccountQuery query) {
        return auditor.run(query.identity(), "operator.tenant.get", Optional.of(query.tenantId().value()), () -> {
            requireRole(query.identity(), "aegis.tenant.get", "reading tenants");
            return tenantDetails(query.tenantId());
        });
    }

    @Override
    public TenantAccountPage list(ListTenantAccountsQuery query) {
        return auditor.run(query.identity(), "operator.tenant.list", Optional.empty(), () -> {
            requireRole(query.identity(), "aegis.tenant.list", "listing tenants");
            List<TenantAccount> read = accounts.listTenants(query.after(), query.limit() + 1);
            List<TenantAccount> page = read.size() > query.limit() ? read.subList(0, query.limit()) : read;
            List<TenantAccountDetails> details = new ArrayList<>(page.size());
            for (TenantAccount account : page) {
                details.add(tenantDetails(account.tenantId(), Optional.of(account)));
            }
            Optional<TenantId> next = read.size() > query.limit()
                    ? Optional.of(page.get(page.size() - 1).tenantId()) : Optional.empty();
            return new TenantAccountPage(details, next);
        });
    }

    @Override
    public TenantAccountDetails update(UpdateTenantAccountCommand command) {
        Identity actor = command.identity();
        return auditor.run(actor, "operator.tenant.update", Optional.of(command.tenantId().value()), () -> {
            requireRole(actor, "aegis.tenant.update", "changing tenants");
            if (command.suspended().isPresent() && TenantScope.SYSTEM.equals(command.tenantId())) {
                throw new InvalidInputException("tenant.system_not_suspendable", "the operator tenant "
                        + TenantScope.SYSTEM + " cannot be suspended; suspend single operators with aegis.user.update");
            }
            command.suspended().ifPresent(value -> accounts.setTenantSuspended(command.tenantId(), value));
            command.limitOverrides().ifPresent(value -> overrides.setTenant(command.tenantId(), value));
            return tenantDetails(command.tenantId());
        });
    }

    private UserAccountDetails userDetails(TenantId tenant, String subject) {
        UserAccount account = accounts.user(tenant, subject);
        LimitOverrides tenantOverrides = overrides.forTenant(tenant);
        LimitOverrides userOverrides = overrides.forUser(tenant, subject);
        boolean tenantSuspended = !TenantScope.SYSTEM.equals(tenant) && accounts.tenantSuspended(tenant);
        Optional<ResourceLimits> limits;
        if (TenantScope.SYSTEM.equals(tenant)) {
            limits = Optional.of(ResourceLimits.operatorDefaults().apply(tenantOverrides).apply(userOverrides));
        } else {
            Optional<ZaruTier> tier = account.tierOverride().or(() -> accounts.tenant(tenant).map(TenantAccount::plan));
            limits = tier.map(value -> ResourceLimits.resolve(value, tenantOverrides, userOverrides));
        }
        return new UserAccountDetails(account, userOverrides, tenantSuspended, limits, modelKeyFingerprint(tenant, subject));
    }

    private Optional<String> modelKeyFingerprint(TenantId tenant, String subject) {
        try {
            return modelKeys.find(tenant, subject).map(key -> key.fingerprint());
        } catch (UnavailableException unreadable) {
            return Optional.of(UserAccountDetails.UNREADABLE_KEY);
        }
    }

    private TenantAccountDetails tenantDetails(TenantId tenant) {
        return tenantDetails(tenant, TenantScope.SYSTEM.equals(tenant) ? Optional.empty() : accounts.tenant(tenant));
    }

    private TenantAccountDetails tenantDetails(TenantId tenant, Optional<TenantAccount> account) {
        LimitOverrides tenantOverrides = overrides.forTenant(tenant);
        Optional<ResourceLimits> limits = TenantScope.SYSTEM.equals(tenant)
                ? Optional.of(ResourceLimits.operatorDefaults().apply(tenantOverrides))
                : account.map(value -> ResourceLimits.forTier(value.plan()).apply(tenantOverrides));
        boolean suspended = !TenantScope.SYSTEM.equals(tenant) && accounts.tenantSuspended(tenant);
        return new TenantAccountDetails(tenant, account, suspended, tenantOverrides, limits);
    }

    private static String target(TenantId tenant, String subject) {
        return tenant.value() + "/" + subject;
    }

    /**
     * Operators of at least the role the tool catalog gives {@code toolName}; consumers never. The
     * catalog is the one place that says which role may do what: MCP listings and calls read it, and
     * so do these use cases when reached over gRPC.
     */
    static void requireRole(Identity identity, String toolName, String what) {
        AegisRole role = ToolCatalog.find(toolName).orElseThrow(() -> new IllegalArgumentException(
                "not a catalog tool: " + toolName)).minimumRole();
        if (!(identity instanceof Identity.Operator operator)) {
            throw new AccessDeniedException("identity.not_operator",
                    what + " is for operators of the aegis-system realm");
        }
        if (!operator.role().includes(role)) {
            throw new AccessDeniedException("role.too_low", what + " needs the " + role.claimValue()
                    + " role; your role is " + operator.role().claimValue());
        }
    }
}
