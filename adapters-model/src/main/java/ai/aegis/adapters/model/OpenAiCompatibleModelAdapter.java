package ai.aegis.adapters.model;

import ai.aegis.application.port.out.ChatCompletion;
import ai.aegis.application.port.out.ChatCompletionRequest;
import ai.aegis.application.port.out.ChatMessage;
import ai.aegis.application.port.out.LanguageModelPort;
import ai.aegis.application.port.out.ModelApiKey;
import ai.aegis.application.port.out.TokenUsage;
import ai.aegis.domain.error.UnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link LanguageModelPort} over the OpenAI chat-completions HTTP API ({@code POST
 * {base}/chat/completions}), which OpenAI, Azure-style gateways, vLLM, Ollama, LiteLLM and most
 * hosted providers speak. The key goes only into the {@code Authorization} header: redirects are
 * not followed (a redirect would carry the key to another host) and no error message or log line
 * contains it or the provider's raw answer.
 */
public final class OpenAiCompatibleModelAdapter implements LanguageModelPort {

    /** The largest answer read from the provider; a longer one is refused, not truncated. */
    static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.shared();

    private final Optional<ModelSettings> settings;
    private final HttpClient http;

    /** An adapter for {@code settings}; empty settings make every call fail with {@value #NOT_CONFIGURED}. */
    public OpenAiCompatibleModelAdapter(Optional<ModelSettings> settings) {
        this(settings, HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.map(ModelSettings::timeout).orElse(ModelSettings.DEFAULT_TIMEOUT))
                .build());
    }

    OpenAiCompatibleModelAdapter(Optional<ModelSettings> settings, HttpClient http) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
    }

    /** An adapter configured from the {@code AEGIS_MODEL_*} variables of {@code env}. */
    public static OpenAiCompatibleModelAdapter fromEnvironment(Map<String, String> env) {
        return new OpenAiCompatibleModelAdapter(ModelSettings.fromEnvironment(env));
    }

    @Override
    public boolean isConfigured() {
        return settings.isPresent();
    }

    @Override
    public ChatCompletion complete(ChatCompletionRequest request) {
        Objects.requireNonNull(request, "request");
        ModelSettings model = settings.orElseThrow(() -> new UnavailableException(NOT_CONFIGURED,
                "no language model is configured: set " + ModelSettings.BASE_URL + " and " + ModelSettings.MODEL_NAME
                        + " (and " + ModelSettings.API_KEY + " if the provider needs a key)"));
        Optional<ModelApiKey> key = request.userKey().or(model::apiKey);
        HttpRequest.Builder post = HttpRequest.newBuilder(model.chatCompletionsUrl())
                .timeout(model.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(model, request)));
        key.ifPresent(k -> post.header("Authorization", "Bearer " + k.reveal()));
        String host = model.baseUrl().getHost();
        HttpResponse<InputStream> response;
        byte[] answer;
        try {
            response = http.send(post.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                answer = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            }
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new UnavailableException("model.unreachable", "the language model at " + host
                    + " could not be reached; check " + ModelSettings.BASE_URL + " and that the provider is up");
        } catch (HttpTimeoutException e) {
            throw new UnavailableException("model.timeout", "the language model at " + host + " did not answer within "
                    + model.timeout().toSeconds() + " seconds");
        } catch (IOException e) {
            throw new UnavailableException("model.unreachable", "the connection to the language model at " + host
                    + " failed before it answered");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("model.interrupted", "the call to the language model was interrupted");
        }
        int status = response.statusCode();
        if (status != 200) {
            throw providerError(status, host, request.userKey().isPresent());
        }
        if (answer.length > MAX_RESPONSE_BYTES) {
            throw new UnavailableException("model.bad_response", "the language model at " + host
                    + " sent an answer larger than " + MAX_RESPONSE_BYTES + " bytes");
        }
        return parse(answer, host);
    }

    private static String body(ModelSettings model, ChatCompletionRequest request) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", model.model());
        ArrayNode messages = root.putArray("messages");
        for (ChatMessage message : request.messages()) {
            ObjectNode m = messages.addObject();
            m.put("role", message.role().wireName());
            m.put("content", message.content());
        }
        if (request.maxTokens().isPresent()) {
            root.put("max_tokens", request.maxTokens().getAsInt());
        }
        return JSON.writeValueAsString(root);
    }

    private static UnavailableException providerError(int status, String host, boolean userKey) {
        String keyName = userKey ? "your own model API key" : ModelSettings.API_KEY;
        if (status == 401 || status == 403) {
            return new UnavailableException("model.key_rejected", "the language model at " + host
                    + " refused the API key (HTTP " + status + "); check " + keyName);
        }
        if (status == 404) {
            return new UnavailableException("model.not_found", "the language model at " + host
                    + " answered HTTP 404; check " + ModelSettings.BASE_URL + " and " + ModelSettings.MODEL_NAME);
        }
        if (status == 429) {
            return new UnavailableException("model.rate_limited", "the language model at " + host
                    + " is rate limiting or out of quota (HTTP 429); try again later");
        }
        return new UnavailableException("model.provider_error", "the language model at " + host
                + " answered with an error (HTTP " + status + ")");
    }

    private static ChatCompletion parse(byte[] answer, String host) {
        JsonNode root;
        try {
            root = JSON.readTree(answer);
        } catch (JacksonException e) {
            throw badResponse(host, "is not JSON");
        }
        JsonNode content = root.path("choices").path(0).path("message").path("content");
        if (!content.isString()) {
            throw badResponse(host, "has no choices[0].message.content text");
        }
        JsonNode usage = root.path("usage");
        TokenUsage tokens = new TokenUsage(count(usage.path("prompt_tokens")), count(usage.path("completion_tokens")));
        return new ChatCompletion(content.stringValue(), tokens);
    }

    private static long count(JsonNode node) {
        return node.isIntegralNumber() && node.longValue() >= 0 ? node.longValue() : 0;
    }

    private static UnavailableException badResponse(String host, String problem) {
        return new UnavailableException("model.bad_response", "the answer of the language model at " + host + " "
                + problem + "; is " + ModelSettings.BASE_URL + " an OpenAI-compatible endpoint?");
    }
}
