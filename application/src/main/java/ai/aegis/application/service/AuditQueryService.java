package ai.aegis.application.service;

import ai.aegis.application.port.in.ListAuditRecordsQuery;
import ai.aegis.application.port.in.ListAuditRecordsUseCase;
import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.LimitOverridesPort;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.limits.ResourceLimits;
import ai.aegis.domain.tenancy.TenantScope;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The caller's own audit trail. Whether the plan keeps one comes from the resolved limits (tier
 * defaults, then tenant and user overrides), so a tenant given audit retention by an operator sees
 * it too. Refusals are audited like every other.
 */
public final class AuditQueryService implements ListAuditRecordsUseCase {

    private final AuditLogPort auditLog;
    private final LimitOverridesPort overrides;
    private final Auditor auditor;

    public AuditQueryService(AuditLogPort auditLog, LimitOverridesPort overrides, ClockPort clock) {
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
        this.overrides = Objects.requireNonNull(overrides, "overrides");
        this.auditor = new Auditor(auditLog, Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public List<AuditRecord> list(ListAuditRecordsQuery query) {
        Identity identity = query.identity();
        ResourceLimits limits = ResourceLimits.resolve(identity, overrides.forTenant(TenantScope.of(identity)),
                overrides.forUser(TenantScope.of(identity), identity.subject()));
        if (!limits.hasAuditLog()) {
            auditor.record(identity, "audit.list", Optional.empty(), AuditDecision.DENIED, "audit.not_in_plan");
            throw new AccessDeniedException("audit.not_in_plan", "audit logs are kept on the Business (90 days) and "
                    + "Enterprise (365 days) plans; your plan keeps none");
        }
        return auditLog.listByTenant(TenantScope.of(identity), query.limit());
    }
}
