package ai.aegis.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.out.WebSearchPort;
import ai.aegis.application.port.out.WebSearchResult;
import ai.aegis.domain.error.UnavailableException;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SearXNG's JSON API faked by a JDK HTTP server. */
class SearxngWebSearchAdapterTest {

    private static final String ANSWER = "{\"query\":\"robin\",\"number_of_results\":4,\"results\":["
            + "{\"title\":\"Robin - Wikipedia\",\"url\":\"https://en.wikipedia.org/wiki/Robin\",\"content\":\"A robin   is a bird.\",\"engine\":\"x\"},"
            + "{\"title\":\"Not a web link\",\"url\":\"javascript:alert(1)\",\"content\":\"skip me\"},"
            + "{\"title\":\"\",\"url\":\"https://birds.example/robin\",\"content\":\"untitled\"},"
            + "{\"title\":\"Third\",\"url\":\"https://third.example/\",\"content\":\"\"}]}";

    private HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = ANSWER;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/search", exchange -> {
            queries.add(URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private WebSearchPort searx() {
        return SearxngWebSearchAdapter.fromSettings(WebSettings.defaults().withSearchUrl(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/search")));
    }

    @Test
    void search_configured_asksForJsonAndMapsTitleUrlSnippet() {
        List<WebSearchResult> results = searx().search("robin & wren", 10);

        assertThat(queries).containsExactly("q=robin & wren&format=json");
        assertThat(results).containsExactly(
                new WebSearchResult("Robin - Wikipedia", URI.create("https://en.wikipedia.org/wiki/Robin"), "A robin is a bird."),
                new WebSearchResult("birds.example", URI.create("https://birds.example/robin"), "untitled"),
                new WebSearchResult("Third", URI.create("https://third.example/"), ""));
    }

    @Test
    void search_limit_boundsTheResults() {
        assertThat(searx().search("robin", 2)).extracting(WebSearchResult::title)
                .containsExactly("Robin - Wikipedia", "birds.example");
    }

    @Test
    void search_providerRefusesJson_failsWithAHint() {
        status = 403;
        body = "Forbidden";

        assertThatThrownBy(() -> searx().search("robin", 5))
                .isInstanceOf(UnavailableException.class)
                .hasFieldOrPropertyWithValue("code", "web.search_failed")
                .hasMessageContaining("403").hasMessageContaining("json");
    }

    @Test
    void search_answerIsNotSearxngJson_failsNamingTheSetting() {
        body = "<html>not json</html>";

        assertThatThrownBy(() -> searx().search("robin", 5))
                .isInstanceOf(UnavailableException.class)
                .hasFieldOrPropertyWithValue("code", "web.search_failed")
                .hasMessageContaining(WebSettings.SEARCH_URL);
    }

    @Test
    void search_notConfigured_clearErrorNamingTheSetting() {
        WebSearchPort unconfigured = SearxngWebSearchAdapter.fromSettings(WebSettings.defaults());

        assertThatThrownBy(() -> unconfigured.search("robin", 5))
                .isInstanceOf(UnavailableException.class)
                .hasFieldOrPropertyWithValue("code", "web.search_not_configured")
                .hasMessageContaining("AEGIS_WEB_SEARCH_URL");
        assertThat(queries).isEmpty();
    }
}
