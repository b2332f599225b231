package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.AuthenticatedCaller;
import ai.aegis.application.port.in.CancelConversationCommand;
import ai.aegis.application.port.in.CancelConversationUseCase;
import ai.aegis.application.port.in.OpenConversationCommand;
import ai.aegis.application.port.in.OpenConversationUseCase;
import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.NotFoundException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * How a client names its Zaru conversation: {@value #CONVERSATION_HEADER} (the client's id for the
 * chat) and, to start it, {@value #MODE_HEADER} ({@code Chat}, {@code Agentic}, {@code Architect},
 * {@code Execute} or {@code Operator}). An unknown id with a mode starts a conversation owned by
 * the caller; the mode is locked by the first tool call, after which another mode is refused (409
 * {@code conversation.mode_locked}); someone else's id reads as 404 {@code conversation.not_found}.
 * A client that names no conversation (the seed's configuration) gets its tier's or role's whole
 * surface, and its MCP session acts as its conversation for executions
 * ({@link #sessionConversation(String)}): a Streamable HTTP {@code DELETE} of that session cancels
 * the session's running root and its swarm. A named conversation outlives MCP sessions, so
 * deleting a session never cancels it (cancel with {@code aegis.task.cancel}).
 */
public final class ConversationFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConversationFilter.class);

    public static final String CONVERSATION_HEADER = "X-Zaru-Conversation-ID";
    public static final String MODE_HEADER = "X-Zaru-Conversation-Mode";
    static final String CONVERSATION_ATTRIBUTE = Conversation.class.getName();

    private final transient OpenConversationUseCase conversations;
    private final transient CancelConversationUseCase cancel;

    public ConversationFilter(OpenConversationUseCase conversations, CancelConversationUseCase cancel) {
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.cancel = Objects.requireNonNull(cancel, "cancel");
    }

    /** The conversation that stands for an MCP session whose client named none. */
    public static ConversationId sessionConversation(String mcpSessionId) {
        return ConversationId.of("mcp-session:" + mcpSessionId);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        AuthenticatedCaller caller = (AuthenticatedCaller) request.getAttribute(ZaruAuthFilter.CALLER_ATTRIBUTE);
        String id = request.getHeader(CONVERSATION_HEADER);
        String mode = request.getHeader(MODE_HEADER);
        if (caller == null) {
            chain.doFilter(request, response);
            return;
        }
        try {
            if (id != null && !id.isBlank()) {
                Optional<ConversationMode> wanted = mode == null || mode.isBlank()
                        ? Optional.empty() : Optional.of(ConversationMode.parse(mode));
                Conversation conversation = conversations.open(new OpenConversationCommand(caller.identity(),
                        ConversationId.of(id.trim()), wanted));
                request.setAttribute(CONVERSATION_ATTRIBUTE, conversation);
            } else if (mode != null && !mode.isBlank()) {
                throw new InvalidInputException("conversation.id_missing", MODE_HEADER + " needs " + CONVERSATION_HEADER
                        + ": name the conversation whose mode this is");
            } else if ("DELETE".equals(request.getMethod()) && request.getHeader("Mcp-Session-Id") != null) {
                cancelSessionRoot(caller, request.getHeader("Mcp-Session-Id"));
            }
        } catch (DomainException refusal) {
            HttpProblem.write(response, HttpStatusMapping.status(refusal.kind()), refusal.code(), refusal.getMessage());
            return;
        }
        chain.doFilter(request, response);
    }

    private void cancelSessionRoot(AuthenticatedCaller caller, String sessionId) {
        try {
            int cancelled = cancel.cancel(new CancelConversationCommand(caller.identity(),
                    sessionConversation(sessionId))).size();
            if (cancelled > 0) {
                LOG.info("MCP session closed: cancelled {} executions of its conversation", cancelled);
            }
        } catch (NotFoundException | InvalidInputException nothingStarted) {
            // The session never started an execution, so it has no conversation to cancel.
        }
    }
}
