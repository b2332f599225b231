package ai.aegis.adapters.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.out.ChatCompletion;
import ai.aegis.application.port.out.ChatCompletionRequest;
import ai.aegis.application.port.out.ChatMessage;
import ai.aegis.application.port.out.LanguageModelPort;
import ai.aegis.application.port.out.ModelApiKey;
import ai.aegis.domain.error.UnavailableException;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OpenAiCompatibleModelAdapterTest {

    private static final String KEY = "sk-test-very-secret-0123456789";
    private static final String OK_ANSWER = "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"print(42)\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,"
            + "\"completion_tokens\":5,\"total_tokens\":17}}";

    private final List<Captured> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    private record Captured(String method, String path, String authorization, JsonNode body) {
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(int status, String answer) throws IOException {
        return serve(status, answer, false);
    }

    private URI serve(int status, String answer, boolean hang) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            requests.add(new Captured(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), JsonMapper.shared().readTree(in)));
            if (hang) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/");
    }

    private static OpenAiCompatibleModelAdapter adapter(URI base, Duration timeout) {
        return new OpenAiCompatibleModelAdapter(Optional.of(
                new ModelSettings(base, "test-model", Optional.of(ModelApiKey.of(KEY)), timeout)));
    }

    private static ChatCompletionRequest twoMessages() {
        return ChatCompletionRequest.of(List.of(ChatMessage.system("You write Python."), ChatMessage.user("print 42")));
    }

    @Test
    void complete_fakeServer_postsChatAndReturnsTextAndUsage() throws IOException {
        URI base = serve(200, OK_ANSWER);

        ChatCompletion completion = adapter(base, Duration.ofSeconds(5)).complete(twoMessages());

        assertThat(completion.text()).isEqualTo("print(42)");
        assertThat(completion.usage().promptTokens()).isEqualTo(12);
        assertThat(completion.usage().completionTokens()).isEqualTo(5);
        Captured call = requests.get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/v1/chat/completions");
        assertThat(call.authorization()).isEqualTo("Bearer " + KEY);
        assertThat(call.body().path("model").stringValue()).isEqualTo("test-model");
        assertThat(call.body().path("messages").path(0).path("role").stringValue()).isEqualTo("system");
        assertThat(call.body().path("messages").path(1).path("role").stringValue()).isEqualTo("user");
        assertThat(call.body().path("messages").path(1).path("content").stringValue()).isEqualTo("print 42");
    }

    @Test
    void complete_userKey_sentInsteadOfConfiguredKey() throws IOException {
        URI base = serve(200, OK_ANSWER);

        adapter(base, Duration.ofSeconds(5)).complete(twoMessages().withUserKey(ModelApiKey.of("sk-user-own")));

        assertThat(requests.get(0).authorization()).isEqualTo("Bearer sk-user-own");
    }

    @Test
    void complete_noKeyConfigured_sendsNoAuthorization() throws IOException {
        URI base = serve(200, OK_ANSWER);
        OpenAiCompatibleModelAdapter adapter = new OpenAiCompatibleModelAdapter(
                Optional.of(new ModelSettings(base, "local", Optional.empty(), Duration.ofSeconds(5))));

        adapter.complete(twoMessages());

        assertThat(requests.get(0).authorization()).isNull();
    }

    @Test
    void complete_notConfigured_failsNamingTheSettings() {
        OpenAiCompatibleModelAdapter adapter = OpenAiCompatibleModelAdapter.fromEnvironment(Map.of());

        assertThat(adapter.isConfigured()).isFalse();
        assertThatThrownBy(() -> adapter.complete(twoMessages()))
                .isInstanceOfSatisfying(UnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo(LanguageModelPort.NOT_CONFIGURED))
                .hasMessageContaining("AEGIS_MODEL_BASE_URL")
                .hasMessageContaining("AEGIS_MODEL_NAME")
                .hasMessageContaining("AEGIS_MODEL_API_KEY");
    }

    @Test
    void complete_keyRejected_failsWithoutRevealingTheKey() throws IOException {
        URI base = serve(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}");

        assertThatThrownBy(() -> adapter(base, Duration.ofSeconds(5)).complete(twoMessages()))
                .isInstanceOfSatisfying(UnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo("model.key_rejected"))
                .hasMessageContaining("HTTP 401")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void complete_providerServerError_failsNamingTheStatus() throws IOException {
        URI base = serve(503, "{\"error\":{\"message\":\"overloaded\"}}");

        assertThatThrownBy(() -> adapter(base, Duration.ofSeconds(5)).complete(twoMessages()))
                .isInstanceOfSatisfying(UnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo("model.provider_error"))
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void complete_providerTooSlow_timesOut() throws IOException {
        URI base = serve(200, OK_ANSWER, true);

        assertThatThrownBy(() -> adapter(base, Duration.ofMillis(300)).complete(twoMessages()))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.code()).isEqualTo("model.timeout"))
                .hasMessageNotContaining(KEY);
    }

    @Test
    void complete_nothingListening_unreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        assertThatThrownBy(() -> adapter(URI.create("http://127.0.0.1:" + port + "/v1"), Duration.ofSeconds(2))
                .complete(twoMessages()))
                .isInstanceOfSatisfying(UnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo("model.unreachable"));
    }

    @Test
    void complete_answerWithoutContent_badResponse() throws IOException {
        URI base = serve(200, "{\"choices\":[]}");

        assertThatThrownBy(() -> adapter(base, Duration.ofSeconds(5)).complete(twoMessages()))
                .isInstanceOfSatisfying(UnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo("model.bad_response"));
    }

    @Test
    void complete_answerWithoutUsage_countsZeroTokens() throws IOException {
        URI base = serve(200, "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"ok\"}}]}");

        ChatCompletion completion = adapter(base, Duration.ofSeconds(5)).complete(twoMessages());

        assertThat(completion.text()).isEqualTo("ok");
        assertThat(completion.usage().totalTokens()).isZero();
    }
}
