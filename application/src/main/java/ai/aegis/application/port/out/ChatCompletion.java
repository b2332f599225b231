package ai.aegis.application.port.out;

import java.util.Objects;

/** A language model's answer: its text and the tokens the call used (counted against LlmToken limits). */
public record ChatCompletion(String text, TokenUsage usage) {

    public ChatCompletion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(usage, "usage");
    }
}
