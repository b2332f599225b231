package ai.aegis.adapters.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSettingsTest {

    @Test
    void fromEnvironment_allSet_buildsEndpointAndRedactsKey() {
        ModelSettings settings = ModelSettings.fromEnvironment(Map.of(
                "AEGIS_MODEL_BASE_URL", "https://api.example.com/v1/",
                "AEGIS_MODEL_NAME", "gpt-test",
                "AEGIS_MODEL_API_KEY", "sk-secret-value",
                "AEGIS_MODEL_TIMEOUT_SECONDS", "30")).orElseThrow();

        assertThat(settings.chatCompletionsUrl()).hasToString("https://api.example.com/v1/chat/completions");
        assertThat(settings.timeout()).hasSeconds(30);
        assertThat(settings.apiKey().orElseThrow().reveal()).isEqualTo("sk-secret-value");
        assertThat(settings.toString()).doesNotContain("sk-secret-value").contains("[redacted]");
        assertThat(settings.apiKey().orElseThrow().toString()).doesNotContain("sk-secret-value");
    }

    @Test
    void fromEnvironment_nothingSet_isEmpty() {
        assertThat(ModelSettings.fromEnvironment(Map.of("AEGIS_MODEL_API_KEY", "sk-x"))).isEmpty();
    }

    @Test
    void fromEnvironment_urlWithoutName_refusedNamingTheMissingSetting() {
        assertThatThrownBy(() -> ModelSettings.fromEnvironment(Map.of("AEGIS_MODEL_BASE_URL", "http://localhost:11434/v1")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.code()).isEqualTo("model.incomplete_settings"))
                .hasMessageContaining("AEGIS_MODEL_NAME");
    }

    @Test
    void fromEnvironment_urlWithCredentials_refused() {
        assertThatThrownBy(() -> ModelSettings.fromEnvironment(Map.of(
                "AEGIS_MODEL_BASE_URL", "https://user:pw@api.example.com/v1", "AEGIS_MODEL_NAME", "m")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.code()).isEqualTo("model.invalid_base_url"))
                .hasMessageNotContaining("pw");
    }

    @Test
    void fromEnvironment_notHttp_refused() {
        assertThatThrownBy(() -> ModelSettings.fromEnvironment(Map.of(
                "AEGIS_MODEL_BASE_URL", "file:///etc/passwd", "AEGIS_MODEL_NAME", "m")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.code()).isEqualTo("model.invalid_base_url"));
    }
}
