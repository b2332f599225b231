package ai.aegis.adapters.model;

import ai.aegis.application.port.out.ModelApiKey;
import ai.aegis.domain.error.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the OpenAI-compatible model lives: the API base URL (the part before
 * {@code /chat/completions}, e.g. {@code https://api.openai.com/v1}), the model name, the
 * service's key (optional: local servers often need none) and the time one call may take.
 * {@link #toString()} never shows the key.
 */
public record ModelSettings(URI baseUrl, String model, Optional<ModelApiKey> apiKey, Duration timeout) {

    public static final String BASE_URL = "AEGIS_MODEL_BASE_URL";
    public static final String MODEL_NAME = "AEGIS_MODEL_NAME";
    public static final String API_KEY = "AEGIS_MODEL_API_KEY";
    public static final String TIMEOUT_SECONDS = "AEGIS_MODEL_TIMEOUT_SECONDS";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public ModelSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(timeout, "timeout");
        String scheme = baseUrl.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
            throw new InvalidInputException("model.invalid_base_url",
                    BASE_URL + " must be an http or https URL such as https://api.openai.com/v1");
        }
        if (baseUrl.getRawUserInfo() != null || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new InvalidInputException("model.invalid_base_url",
                    BASE_URL + " must not carry credentials, a query or a fragment; put the key in " + API_KEY);
        }
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        baseUrl = URI.create(scheme + "://" + baseUrl.getRawAuthority() + path);
        if (model == null || model.isBlank()) {
            throw new InvalidInputException("model.missing_name", MODEL_NAME + " must name the model, e.g. gpt-4o-mini");
        }
        model = model.strip();
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidInputException("model.invalid_timeout", TIMEOUT_SECONDS + " must be a positive number of seconds");
        }
    }

    /** The endpoint calls are posted to. */
    public URI chatCompletionsUrl() {
        return URI.create(baseUrl + "/chat/completions");
    }

    /**
     * The settings given by {@code AEGIS_MODEL_BASE_URL}, {@code AEGIS_MODEL_NAME}, optional
     * {@code AEGIS_MODEL_API_KEY} and {@code AEGIS_MODEL_TIMEOUT_SECONDS}; empty when neither the URL
     * nor the name is set (no model configured).
     *
     * @throws InvalidInputException {@code model.incomplete_settings} when only one of URL and name is set,
     *         or another {@code model.*} code for a malformed value
     */
    public static Optional<ModelSettings> fromEnvironment(Map<String, String> env) {
        String url = blankToNull(env.get(BASE_URL));
        String name = blankToNull(env.get(MODEL_NAME));
        if (url == null && name == null) {
            return Optional.empty();
        }
        if (url == null || name == null) {
            throw new InvalidInputException("model.incomplete_settings", "the language model needs both " + BASE_URL
                    + " and " + MODEL_NAME + "; only " + (url == null ? MODEL_NAME : BASE_URL) + " is set");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("model.invalid_base_url",
                    BASE_URL + " is not a valid URL; use a form such as https://api.openai.com/v1");
        }
        String key = blankToNull(env.get(API_KEY));
        Duration timeout = DEFAULT_TIMEOUT;
        String seconds = blankToNull(env.get(TIMEOUT_SECONDS));
        if (seconds != null) {
            try {
                timeout = Duration.ofSeconds(Long.parseLong(seconds));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("model.invalid_timeout",
                        TIMEOUT_SECONDS + " must be a whole number of seconds, e.g. 60");
            }
        }
        return Optional.of(new ModelSettings(uri, name, Optional.ofNullable(key).map(ModelApiKey::of), timeout));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        return "ModelSettings[baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
                + (apiKey.isPresent() ? "[redacted]" : "none") + ", timeout=" + timeout + "]";
    }
}
