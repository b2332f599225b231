package ai.aegis.application.port.out;

import ai.aegis.domain.error.UnavailableException;

/**
 * A chat-completion language model: code generation and refinement for the iteration loop and the
 * authoring loops. Messages go in, the model's text and the tokens it used come out.
 *
 * <p>Failures are typed and never carry a key: with no model configured every call fails at once
 * with {@link UnavailableException} code {@value #NOT_CONFIGURED}, naming the settings
 * {@code AEGIS_MODEL_BASE_URL}, {@code AEGIS_MODEL_NAME} and {@code AEGIS_MODEL_API_KEY}; a provider
 * that answers with an error, times out or cannot be reached fails with {@link UnavailableException}
 * and a message saying which of these happened. There is never a made-up answer.
 */
public interface LanguageModelPort {

    /** The error code of a call made while no model is configured. */
    String NOT_CONFIGURED = "model.not_configured";

    /**
     * The model's answer to {@code request}.
     *
     * @throws UnavailableException {@value #NOT_CONFIGURED} without a model, or a {@code model.*} code
     *         when the provider fails
     */
    ChatCompletion complete(ChatCompletionRequest request);

    /** True when calls can reach a model (a base URL and a model name are configured). */
    boolean isConfigured();
}
