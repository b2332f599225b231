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

    /**
     * The work and its "allowed" record are one atomic unit; a refusal rolls the work back and is
     * then recorded on its own, so a denied call leaves its trace and nothing else.
     */
    <T> T run(Identity actor, String action, Optional<String> target, Supplier<T> work) {
        try {
            return auditLog.recordAtomically(work,
                    result -> recordOf(actor, action, target, AuditDecision.ALLOWED, ALLOWED));
        } catch (DomainException refusal) {
            record(actor, action, target, AuditDecision.DENIED, refusal.code());
            throw refusal;
        }
    }

    void record(Identity actor, String action, Optional<String> target, AuditDecision decision, String reasonCode) {
        auditLog.record(recordOf(actor, action, target, decision, reasonCode));
    }

    private AuditRecord recordOf(Identity actor, String action, Optional<String> target, AuditDecision decision,
            String reasonCode) {
        return new AuditRecord(actor.subject(), actor.kind(), TenantScope.of(actor), action, target, decision,
                reasonCode, clock.now());
    }

    /** Read-only operators may look but not change executions. */
    static void requireMayChangeExecutions(Identity identity) {
        if (identity instanceof Identity.Operator operator && !operator.role().includes(AegisRole.OPERATOR)) {
            throw new AccessDeniedException("role.too_low", "starting, steering or cancelling executions needs the "
                    + "operator role; your role is " + operator.role().claimValue());
        }
    }
}
