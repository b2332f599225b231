package ai.aegis.application.port.out;

import java.util.Objects;

/**
 * One message of a chat with a language model: who speaks ({@link Role}) and what they say.
 * Content may be empty but never null.
 */
public record ChatMessage(Role role, String content) {

    /** The speakers of an OpenAI-style chat. */
    public enum Role {
        SYSTEM,
        USER,
        ASSISTANT;

        /** The role's name on the wire ({@code system}, {@code user}, {@code assistant}). */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content);
    }
}
