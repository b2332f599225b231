package ai.aegis.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebSettingsTest {

    @Test
    void fromEnvironment_nothingSet_defaultsWithoutSearch() {
        WebSettings settings = WebSettings.fromEnvironment(Map.of());

        assertThat(settings.searchUrl()).isEmpty();
        assertThat(settings.fetchMaxBytes()).isEqualTo(2L * 1024 * 1024);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void fromEnvironment_allSet_used() {
        WebSettings settings = WebSettings.fromEnvironment(Map.of(WebSettings.SEARCH_URL, " https://searx.example/search ",
                WebSettings.FETCH_MAX_BYTES, "65536", WebSettings.FETCH_TIMEOUT_SECONDS, "5"));

        assertThat(settings.searchUrl()).contains(URI.create("https://searx.example/search"));
        assertThat(settings.fetchMaxBytes()).isEqualTo(65_536);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void fromEnvironment_malformedValues_refusedNamingTheSetting() {
        assertThatThrownBy(() -> WebSettings.fromEnvironment(Map.of(WebSettings.SEARCH_URL, "ftp://searx.example/")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("AEGIS_WEB_SEARCH_URL");
        assertThatThrownBy(() -> WebSettings.fromEnvironment(Map.of(WebSettings.SEARCH_URL, "https://u:p@searx.example/")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("credentials");
        assertThatThrownBy(() -> WebSettings.fromEnvironment(Map.of(WebSettings.FETCH_MAX_BYTES, "lots")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("AEGIS_WEB_FETCH_MAX_BYTES");
        assertThatThrownBy(() -> WebSettings.fromEnvironment(Map.of(WebSettings.FETCH_MAX_BYTES, "10")))
                .isInstanceOf(InvalidInputException.class).hasFieldOrPropertyWithValue("code", "web.invalid_max_bytes");
        assertThatThrownBy(() -> WebSettings.fromEnvironment(Map.of(WebSettings.FETCH_TIMEOUT_SECONDS, "0")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("AEGIS_WEB_FETCH_TIMEOUT_SECONDS");
        assertThatThrownBy(() -> WebSettings.fromEnvironment(Map.of(WebSettings.FETCH_TIMEOUT_SECONDS, "1000")))
                .isInstanceOf(InvalidInputException.class).hasFieldOrPropertyWithValue("code", "web.invalid_timeout");
    }
}
