package ai.aegis.application.service;

import ai.aegis.application.port.out.SealExecutionGrantPort;
import ai.aegis.application.port.out.SealToolPolicyPort;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.seal.JsonValue;
import ai.aegis.domain.seal.SealToolCall;
import ai.aegis.domain.seal.SecurityToken;
import ai.aegis.domain.security.BuiltInContexts;
import ai.aegis.domain.security.SecurityContext;
import ai.aegis.domain.security.ToolRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * The context-policy step of SEAL envelope verification. An execution's token is judged by that
 * execution's own effective context, read from its record at every call (so a child narrowed by the
 * ceiling rule can never do more than its record says, and an ended execution nothing at all); a
 * caller's session token by its built-in context. An execution that is not Running grants nothing
 * ({@link SealTokenRevocation}). The tool's path, command, URL or domain
 * arguments are checked against the matching capability's allow-lists.
 */
public final class SecurityContextToolPolicy implements SealToolPolicyPort {

    private final SealExecutionGrantPort grants;

    public SecurityContextToolPolicy(SealExecutionGrantPort grants) {
        this.grants = Objects.requireNonNull(grants, "grants");
    }

    @Override
    public void authorize(SecurityToken token, SealToolCall call) {
        contextOf(token).decide(request(call)).orThrow();
    }

    private SecurityContext contextOf(SecurityToken token) {
        if (token.execution().isPresent()) {
            String executionId = token.execution().get();
            return grants.findRunning(executionId)
                    .orElseThrow(() -> SealTokenRevocation.executionNotRunning(executionId))
                    .securityContext();
        }
        return BuiltInContexts.find(token.securityContext())
                .orElseThrow(() -> new AccessDeniedException("seal.context_unknown",
                        "security context " + token.securityContext() + " is not known to this service"));
    }

    private static ToolRequest request(SealToolCall call) {
        ToolRequest request = ToolRequest.of(call.toolName());
        Optional<String> path = text(call, "path");
        if (path.isPresent()) {
            request = request.withPath(path.get());
        }
        Optional<String> command = text(call, "command");
        if (command.isPresent()) {
            request = request.withCommand(command.get());
        }
        Optional<String> url = text(call, "url");
        if (url.isPresent()) {
            request = request.withUrl(url.get());
        }
        Optional<String> domain = text(call, "domain");
        if (domain.isPresent()) {
            request = request.withDomain(domain.get());
        }
        return request;
    }

    private static Optional<String> text(SealToolCall call, String argument) {
        JsonValue value = call.arguments().get(argument);
        return value instanceof JsonValue.JsonString string ? Optional.of(string.value()) : Optional.empty();
    }
}
