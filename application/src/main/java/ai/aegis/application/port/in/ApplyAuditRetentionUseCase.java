package ai.aegis.application.port.in;

/**
 * Applies every tenant's audit retention policy ({@code AuditRetentionPolicy}): Business 90 days,
 * Enterprise 365 days, Free and Pro 7 days for operations only, the operator tenant 365 days, a
 * tenant with no recorded plan everything. Each removal is reported by an audit record in the
 * tenant's own chain. Runs on a schedule and at start-up; safe to run on several instances at once.
 */
public interface ApplyAuditRetentionUseCase {

    AuditRetentionReport apply(ApplyAuditRetentionCommand command);
}
