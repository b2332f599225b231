package ai.aegis.application.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.out.ChatCompletionRequest;
import ai.aegis.application.port.out.ChatMessage;
import ai.aegis.application.port.out.LanguageModelPort;
import ai.aegis.application.port.out.ModelApiKey;
import ai.aegis.domain.error.UnavailableException;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryLanguageModelAdapterTest {

    private static final ChatCompletionRequest HELLO = ChatCompletionRequest.of(List.of(ChatMessage.user("hello")));

    @Test
    void complete_scripted_answersInOrderThenFails() {
        InMemoryLanguageModelAdapter model = InMemoryLanguageModelAdapter.answering("one", "two");

        assertThat(model.complete(HELLO).text()).isEqualTo("one");
        assertThat(model.complete(HELLO).text()).isEqualTo("two");
        assertThatThrownBy(() -> model.complete(HELLO)).isInstanceOf(UnavailableException.class);
        assertThat(model.requests()).hasSize(3);
    }

    @Test
    void complete_notConfigured_failsWithTheNotConfiguredCode() {
        InMemoryLanguageModelAdapter model = InMemoryLanguageModelAdapter.notConfigured();

        assertThat(model.isConfigured()).isFalse();
        assertThatThrownBy(() -> model.complete(HELLO))
                .isInstanceOfSatisfying(UnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo(LanguageModelPort.NOT_CONFIGURED))
                .hasMessageContaining("AEGIS_MODEL_BASE_URL");
    }

    @Test
    void modelApiKey_toStringAndRequest_neverShowTheKey() {
        ModelApiKey key = ModelApiKey.of("sk-secret-123");

        assertThat(key.toString()).doesNotContain("sk-secret-123");
        assertThat(HELLO.withUserKey(key).toString()).doesNotContain("sk-secret-123");
        assertThat(key.fingerprint()).hasSize(8).doesNotContain("sk-");
        assertThat(key).isEqualTo(ModelApiKey.of(" sk-secret-123 "));
    }
}
