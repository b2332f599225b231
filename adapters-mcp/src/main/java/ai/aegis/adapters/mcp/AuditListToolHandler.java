package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.ListAuditRecordsQuery;
import ai.aegis.application.port.in.ListAuditRecordsUseCase;
import ai.aegis.domain.audit.AuditRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code aegis.audit.list}: the newest records of the caller's own audit trail (who did what,
 * allowed or denied, why, when). Plans without audit retention get a clear "not in your plan".
 */
final class AuditListToolHandler implements AegisToolHandler {

    static final String NAME = "aegis.audit.list";

    private final ListAuditRecordsUseCase audit;

    AuditListToolHandler(ListAuditRecordsUseCase audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public Map<String, Object> handle(ToolCall call) {
        int limit = call.optionalInteger("limit", 1, ListAuditRecordsQuery.MAX_LIMIT).orElse(50);
        List<Map<String, Object>> entries = audit.list(new ListAuditRecordsQuery(call.caller().identity(), limit)).stream()
                .map(AuditListToolHandler::describe)
                .toList();
        return Map.of("entries", entries);
    }

    private static Map<String, Object> describe(AuditRecord record) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", record.at().toString());
        entry.put("actor", record.actorSubject());
        entry.put("action", record.action());
        entry.put("decision", record.decision().name().toLowerCase(Locale.ROOT));
        entry.put("reason", record.reasonCode());
        record.target().ifPresent(target -> entry.put("target", target));
        return entry;
    }
}
