package ai.aegis.domain.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LimitExceededExceptionTest {

    @Test
    void retryAfter_givenDuration_carried() {
        LimitExceededException refusal = new LimitExceededException("limit.rate.agent_execution", "m",
                Duration.ofSeconds(42));

        assertThat(refusal.retryAfter()).contains(Duration.ofSeconds(42));
        assertThat(refusal.kind()).isEqualTo(ErrorKind.RESOURCE_EXHAUSTED);
    }

    @Test
    void retryAfter_olderConstructors_empty() {
        assertThat(new LimitExceededException("a.b", "m").retryAfter()).isEmpty();
        assertThat(new LimitExceededException("a.b", "m", new IllegalStateException("x")).retryAfter()).isEmpty();
    }

    @Test
    void constructor_negativeRetryAfter_refused() {
        assertThatThrownBy(() -> new LimitExceededException("a.b", "m", Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
