package ai.aegis.application.memory;

import ai.aegis.application.port.out.ChatCompletion;
import ai.aegis.application.port.out.ChatCompletionRequest;
import ai.aegis.application.port.out.LanguageModelPort;
import ai.aegis.application.port.out.TokenUsage;
import ai.aegis.domain.error.UnavailableException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A scripted language model for tests: answers with the queued texts in order and keeps every
 * request. {@link #notConfigured()} behaves like a service with no model settings; an exhausted
 * script fails like a provider error, never with an invented answer. Thread-safe.
 */
public final class InMemoryLanguageModelAdapter implements LanguageModelPort {

    private final boolean configured;
    private final Deque<String> answers = new ArrayDeque<>();
    private final List<ChatCompletionRequest> requests = new ArrayList<>();

    private InMemoryLanguageModelAdapter(boolean configured, List<String> answers) {
        this.configured = configured;
        this.answers.addAll(answers);
    }

    /** A model that gives {@code answers} in order, each counted as 10 prompt and 5 completion tokens. */
    public static InMemoryLanguageModelAdapter answering(String... answers) {
        return new InMemoryLanguageModelAdapter(true, List.of(answers));
    }

    /** No model configured: every call fails with {@value LanguageModelPort#NOT_CONFIGURED}. */
    public static InMemoryLanguageModelAdapter notConfigured() {
        return new InMemoryLanguageModelAdapter(false, List.of());
    }

    @Override
    public synchronized ChatCompletion complete(ChatCompletionRequest request) {
        if (!configured) {
            throw new UnavailableException(NOT_CONFIGURED, "no language model is configured: set AEGIS_MODEL_BASE_URL and "
                    + "AEGIS_MODEL_NAME (and AEGIS_MODEL_API_KEY if the provider needs a key)");
        }
        requests.add(request);
        if (answers.isEmpty()) {
            throw new UnavailableException("model.provider_error", "the scripted model has no answer left");
        }
        return new ChatCompletion(answers.poll(), new TokenUsage(10, 5));
    }

    @Override
    public boolean isConfigured() {
        return configured;
    }

    public synchronized List<ChatCompletionRequest> requests() {
        return List.copyOf(requests);
    }
}
