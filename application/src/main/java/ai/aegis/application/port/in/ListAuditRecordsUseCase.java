package ai.aegis.application.port.in;

import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.error.AccessDeniedException;
import java.util.List;

/**
 * Reads the caller's own audit trail ({@code aegis.audit.list}): newest first, from the caller's
 * tenant only. Plans without audit-log retention are told so.
 */
public interface ListAuditRecordsUseCase {

    /** @throws AccessDeniedException {@code audit.not_in_plan} when the caller's plan keeps no audit log */
    List<AuditRecord> list(ListAuditRecordsQuery query);
}
