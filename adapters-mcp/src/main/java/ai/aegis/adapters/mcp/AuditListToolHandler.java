package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.AuthorizeToolCallUseCase;
import ai.aegis.application.port.in.ListAuditRecordsQuery;
import ai.aegis.application.port.in.ListAuditRecordsUseCase;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.error.InvalidInputException;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code aegis.audit.list}: the newest records of the caller's own audit trail (who did what,
 * allowed or denied, why, when). Plans without audit retention get a clear "not in your plan".
 */
public final class AuditListToolHandler {

    public static final String NAME = "aegis.audit.list";

    private final AuthorizedToolCall call;
    private final ListAuditRecordsUseCase audit;

    public AuditListToolHandler(AuthorizeToolCallUseCase authorize, ListAuditRecordsUseCase audit) {
        this.call = new AuthorizedToolCall(authorize);
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    public McpServerFeatures.SyncToolSpecification specification() {
        McpSchema.Tool tool = McpSchema.Tool.builder()
                .name(NAME)
                .title("My audit log")
                .description("Lists the newest entries of your own audit log: what was done or refused on your "
                        + "account, by whom, why and when. Available on the Business and Enterprise plans.")
                .inputSchema(new McpSchema.JsonSchema("object",
                        Map.of("limit", Map.of("type", "integer", "minimum", 1,
                                "maximum", ListAuditRecordsQuery.MAX_LIMIT, "description", "How many entries (default 50)")),
                        List.of(), false, null, null))
                .annotations(McpSchema.ToolAnnotations.builder().title("My audit log").readOnlyHint(true)
                        .destructiveHint(false).idempotentHint(true).openWorldHint(false).build())
                .build();
        return McpServerFeatures.SyncToolSpecification.builder().tool(tool)
                .callHandler((exchange, request) -> call.run(NAME, exchange, request, (caller, arguments) -> {
                    List<Map<String, Object>> entries = audit.list(new ListAuditRecordsQuery(caller.identity(),
                                    limit(arguments.get("limit")))).stream()
                            .map(AuditListToolHandler::describe)
                            .toList();
                    return Map.of("entries", entries);
                }))
                .build();
    }

    private static int limit(Object value) {
        if (value == null) {
            return 50;
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.intValue();
        }
        throw new InvalidInputException("audit.limit_invalid", "limit must be a whole number");
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
