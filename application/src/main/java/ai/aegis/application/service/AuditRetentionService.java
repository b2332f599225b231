package ai.aegis.application.service;

import ai.aegis.application.port.in.ApplyAuditRetentionCommand;
import ai.aegis.application.port.in.ApplyAuditRetentionUseCase;
import ai.aegis.application.port.in.AuditRetentionReport;
import ai.aegis.application.port.out.AuditRetentionPort;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.LimitOverridesPort;
import ai.aegis.application.port.out.TenantAccountPort;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditPurge;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.audit.AuditRetentionPolicy;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.error.UnavailableException;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.tenancy.TenantAccount;
import ai.aegis.domain.tenancy.TenantScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The audit retention job: for every tenant with audit rows, its policy from the plan last recorded
 * for it and its limit overrides, then one purge per tenant. A purge and the audit record reporting
 * it commit together, so the trail always says what left it. A tenant whose chain is broken or whose
 * storage is unreachable is skipped, not fatal: the others still get their retention.
 */
public final class AuditRetentionService implements ApplyAuditRetentionUseCase {

    /** The actor named by retention audit records: the platform itself, not a person. */
    public static final String ACTOR = "aegis-retention";
    static final String ACTION = "audit.retention";
    static final String REASON = "retention.applied";

    private final AuditRetentionPort retention;
    private final TenantAccountPort accounts;
    private final LimitOverridesPort overrides;
    private final ClockPort clock;

    public AuditRetentionService(AuditRetentionPort retention, TenantAccountPort accounts, LimitOverridesPort overrides,
                                 ClockPort clock) {
        this.retention = Objects.requireNonNull(retention, "retention");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.overrides = Objects.requireNonNull(overrides, "overrides");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public AuditRetentionReport apply(ApplyAuditRetentionCommand command) {
        Objects.requireNonNull(command, "command");
        Instant now = clock.now();
        List<AuditPurge> purges = new ArrayList<>();
        List<TenantId> skipped = new ArrayList<>();
        for (TenantId tenant : retention.tenants()) {
            try {
                AuditRetentionPolicy policy = policyOf(tenant);
                Optional<Instant> cutoff = policy.cutoff(now);
                if (cutoff.isPresent()) {
                    retention.purgeOlderThan(tenant, cutoff.get(), purge -> report(purge, policy, now))
                            .ifPresent(purges::add);
                }
            } catch (PreconditionFailedException | UnavailableException e) {
                skipped.add(tenant);
            }
        }
        return new AuditRetentionReport(purges, skipped);
    }

    /** The policy {@code tenant} is under now. */
    AuditRetentionPolicy policyOf(TenantId tenant) {
        Optional<ZaruTier> plan = TenantScope.SYSTEM.equals(tenant)
                ? Optional.empty()
                : accounts.tenant(tenant).map(TenantAccount::plan);
        return AuditRetentionPolicy.forTenant(tenant, plan, overrides.forTenant(tenant));
    }

    private static AuditRecord report(AuditPurge purge, AuditRetentionPolicy policy, Instant now) {
        return new AuditRecord(ACTOR, IdentityKind.OPERATOR, purge.tenantId(), ACTION,
                Optional.of(purge.describe() + " (" + policy.description() + ")"), AuditDecision.ALLOWED, REASON, now);
    }
}
