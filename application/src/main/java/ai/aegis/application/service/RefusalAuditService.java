package ai.aegis.application.service;

import ai.aegis.application.port.in.RecordRefusalCommand;
import ai.aegis.application.port.in.RecordRefusalUseCase;
import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.domain.audit.AuditDecision;
import java.util.Objects;
import java.util.Optional;

/** Writes the refusals edges decide into the caller's own audit trail. */
public final class RefusalAuditService implements RecordRefusalUseCase {

    private final Auditor auditor;

    public RefusalAuditService(AuditLogPort auditLog, ClockPort clock) {
        this.auditor = new Auditor(Objects.requireNonNull(auditLog, "auditLog"), Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public void record(RecordRefusalCommand command) {
        auditor.record(command.identity(), command.action(), Optional.empty(), AuditDecision.DENIED, command.reasonCode());
    }
}
