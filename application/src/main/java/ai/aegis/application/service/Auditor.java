package ai.aegis.application.service;

import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.tenancy.TenantScope;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a use case step and writes its audit record: allowed on success, denied with the refusal's
 * code before the refusal propagates.
 */
final class Auditor {

    static final String ALLOWED = "allowed";

    private final AuditLogPort auditLog;
    private final ClockPort clock;

    Auditor(AuditLogPort auditLog, ClockPort clock) {
        this.auditLog = auditLog;
        this.clock = clock;
    }

    <T> T run(Identity actor, String action, Optional<String> target, Supplier<T> work) {
        T result;
        try {
            result = work.get();
        } catch (DomainException refusal) {
            record(actor, action, target, AuditDecision.DENIED, refusal.code());
            throw refusal;
        }
        record(actor, action, target, AuditDecision.ALLOWED, ALLOWED);
        return result;
    }

    void record(Identity actor, String action, Optional<String> target, AuditDecision decision, String reasonCode) {
        auditLog.record(new AuditRecord(actor.subject(), actor.kind(), TenantScope.of(actor), action, target, decision,
                reasonCode, clock.now()));
    }

    /** Read-only operators may look but not change executions. */
    static void requireMayChangeExecutions(Identity identity) {
        if (identity instanceof Identity.Operator operator && !operator.role().includes(AegisRole.OPERATOR)) {
            throw new AccessDeniedException("role.too_low", "starting, steering or cancelling executions needs the "
                    + "operator role; your role is " + operator.role().claimValue());
        }
    }
}
