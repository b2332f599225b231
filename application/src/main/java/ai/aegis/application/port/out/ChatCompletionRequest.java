package ai.aegis.application.port.out;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One chat-completion call: the conversation so far, an optional answer-length cap, and an optional
 * user's own key (BYOK) that replaces the configured key for this call only.
 * Invariant: at least one message; {@code maxTokens}, when present, is positive.
 */
public record ChatCompletionRequest(List<ChatMessage> messages, OptionalInt maxTokens, Optional<ModelApiKey> userKey) {

    public ChatCompletionRequest {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        Objects.requireNonNull(maxTokens, "maxTokens");
        Objects.requireNonNull(userKey, "userKey");
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat completion needs at least one message");
        }
        if (maxTokens.isPresent() && maxTokens.getAsInt() < 1) {
            throw new IllegalArgumentException("maxTokens must be positive");
        }
    }

    /** A call with the configured key and no length cap. */
    public static ChatCompletionRequest of(List<ChatMessage> messages) {
        return new ChatCompletionRequest(messages, OptionalInt.empty(), Optional.empty());
    }

    /** This call made with a user's own key. */
    public ChatCompletionRequest withUserKey(ModelApiKey key) {
        return new ChatCompletionRequest(messages, maxTokens, Optional.of(key));
    }
}
