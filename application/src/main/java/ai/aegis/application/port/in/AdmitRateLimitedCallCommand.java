package ai.aegis.application.port.in;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.limits.RateLimitedResource;
import ai.aegis.domain.security.ToolPattern;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code identity} is about to use {@code amount} of {@code resource}: one execution or call, or for
 * {@code LLM_TOKEN} a number of tokens. Tool calls name the tool ({@code toolName}, a dotted name
 * such as {@code fs.read}); no other resource does. {@code byok} says the user brings their own
 * model key, which exempts them from the model limits only.
 */
public record AdmitRateLimitedCallCommand(Identity identity, RateLimitedResource resource, Optional<String> toolName,
        long amount, boolean byok) {

    public AdmitRateLimitedCallCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(toolName, "toolName");
        if (toolName.isPresent() != (resource == RateLimitedResource.TOOL_CALL)) {
            throw new IllegalArgumentException("exactly tool calls name their tool");
        }
        if (toolName.isPresent() && !ToolPattern.isToolName(toolName.get())) {
            throw new InvalidInputException("limits.invalid_tool_name", "a tool name is a lower-case dotted name "
                    + "such as fs.read");
        }
        if (amount < 1) {
            throw new InvalidInputException("limits.invalid_amount", "a rate-limited use counts at least 1, not "
                    + amount);
        }
        if (amount > 1 && resource != RateLimitedResource.LLM_TOKEN) {
            throw new IllegalArgumentException("only model tokens are counted in amounts above 1");
        }
    }

    /** One use of a resource counted as a whole (an agent or workflow execution, a model call). */
    public static AdmitRateLimitedCallCommand of(Identity identity, RateLimitedResource resource, boolean byok) {
        return new AdmitRateLimitedCallCommand(identity, resource, Optional.empty(), 1, byok);
    }

    /** One call of the tool named {@code toolName}. */
    public static AdmitRateLimitedCallCommand toolCall(Identity identity, String toolName) {
        return new AdmitRateLimitedCallCommand(identity, RateLimitedResource.TOOL_CALL, Optional.of(toolName), 1, false);
    }

    /** {@code tokens} model tokens. */
    public static AdmitRateLimitedCallCommand llmTokens(Identity identity, long tokens, boolean byok) {
        return new AdmitRateLimitedCallCommand(identity, RateLimitedResource.LLM_TOKEN, Optional.empty(), tokens, byok);
    }
}
