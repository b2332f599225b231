package ai.aegis.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.in.LimitOverridesDocument;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.limits.RateLimitKey;
import ai.aegis.domain.limits.RateLimitedResource;
import ai.aegis.domain.limits.RateWindow;
import ai.aegis.domain.security.ToolPattern;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitOverridesDocumentTest {

    @Test
    void describeThenParse_everyKind_sameOverrides() {
        LimitOverrides overrides = LimitOverrides.none().withAgentExecutionsPerMinute(4).withMaxIterations(9)
                .withMaxConcurrentExecutions(CountLimit.unlimited()).withAuditRetention(Duration.ZERO)
                .withTeamsAndOrgs(true).withStorageBytes(1_000)
                .withRateLimit(RateLimitKey.toolCalls(ToolPattern.of("fs.*"), RateWindow.MINUTE), CountLimit.of(30))
                .withRateLimit(RateLimitKey.of(RateLimitedResource.LLM_CALL, RateWindow.DAY), CountLimit.unlimited());

        assertThat(LimitOverridesDocument.parse(LimitOverridesDocument.describe(overrides))).isEqualTo(overrides);
    }

    @Test
    void parse_jsonNumbersAsDoubles_accepted() {
        assertThat(LimitOverridesDocument.parse(Map.of("max_iterations", 12.0)))
                .isEqualTo(LimitOverrides.none().withMaxIterations(12));
    }

    @Test
    void parse_unknownKeyOrBadValue_refusedNamingTheField() {
        assertThatThrownBy(() -> LimitOverridesDocument.parse(Map.of("max_iteration", 3)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("max_iteration");
        assertThatThrownBy(() -> LimitOverridesDocument.parse(Map.of("max_iterations", 0)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("max_iterations");
        assertThatThrownBy(() -> LimitOverridesDocument.parse(Map.of("rate_limits", List.of("x"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("rate_limits");
    }
}
