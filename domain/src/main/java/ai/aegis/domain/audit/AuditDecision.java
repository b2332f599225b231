package ai.aegis.domain.audit;

/** Whether the audited action was carried out or refused. */
public enum AuditDecision {
    ALLOWED,
    DENIED
}
