package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.AuthorizeToolCallUseCase;
import ai.aegis.application.port.in.CancelConversationUseCase;
import ai.aegis.application.port.in.CancelExecutionUseCase;
import ai.aegis.application.port.in.GetExecutionUseCase;
import ai.aegis.application.port.in.ListAuditRecordsUseCase;
import ai.aegis.application.port.in.ListExecutionsUseCase;
import ai.aegis.application.port.in.ListIterationEventsUseCase;
import ai.aegis.application.port.in.OpenConversationUseCase;
import ai.aegis.application.port.in.RecordRefusalUseCase;
import ai.aegis.application.port.in.ResolveVisibleToolsUseCase;
import ai.aegis.application.port.in.StartRootExecutionUseCase;
import ai.aegis.application.port.in.WatchExecutionEventsUseCase;
import java.util.Objects;

/** The application use cases the MCP surface calls. */
public record McpUseCases(
        AuthorizeToolCallUseCase authorize,
        ResolveVisibleToolsUseCase visibleTools,
        RecordRefusalUseCase refusals,
        ListAuditRecordsUseCase audit,
        OpenConversationUseCase conversations,
        StartRootExecutionUseCase startRoot,
        GetExecutionUseCase getExecution,
        ListExecutionsUseCase listExecutions,
        ListIterationEventsUseCase iterationLogs,
        CancelExecutionUseCase cancelExecution,
        CancelConversationUseCase cancelConversation,
        WatchExecutionEventsUseCase watchExecutions) {

    public McpUseCases {
        Objects.requireNonNull(authorize, "authorize");
        Objects.requireNonNull(visibleTools, "visibleTools");
        Objects.requireNonNull(refusals, "refusals");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(conversations, "conversations");
        Objects.requireNonNull(startRoot, "startRoot");
        Objects.requireNonNull(getExecution, "getExecution");
        Objects.requireNonNull(listExecutions, "listExecutions");
        Objects.requireNonNull(iterationLogs, "iterationLogs");
        Objects.requireNonNull(cancelExecution, "cancelExecution");
        Objects.requireNonNull(cancelConversation, "cancelConversation");
        Objects.requireNonNull(watchExecutions, "watchExecutions");
    }
}
