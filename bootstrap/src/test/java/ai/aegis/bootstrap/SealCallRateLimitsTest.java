package ai.aegis.bootstrap;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.memory.InMemoryAuditLogAdapter;
import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.memory.InMemoryLimitOverridesAdapter;
import ai.aegis.application.memory.InMemoryRateLimitCounterAdapter;
import ai.aegis.application.memory.InMemoryTenantAccountAdapter;
import ai.aegis.application.service.RateLimitService;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.limits.RateLimitKey;
import ai.aegis.domain.limits.RateWindow;
import ai.aegis.domain.seal.JsonValue;
import ai.aegis.domain.seal.SealToolCall;
import ai.aegis.domain.seal.SecurityToken;
import ai.aegis.domain.security.BuiltInContexts;
import ai.aegis.domain.security.ToolPattern;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SealCallRateLimitsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:30Z");
    private static final TenantId TENANT = TenantId.consumer(UUID.fromString("00000000-0000-4000-8000-0000000000aa"));

    private final InMemoryLimitOverridesAdapter overrides = new InMemoryLimitOverridesAdapter();
    private final InMemoryClockAdapter clock = new InMemoryClockAdapter(NOW);
    private final SealCallRateLimits limits = new SealCallRateLimits(new RateLimitService(overrides,
            new InMemoryRateLimitCounterAdapter(), new InMemoryAuditLogAdapter(), clock), new InMemoryTenantAccountAdapter());

    private static SecurityToken token() {
        return new SecurityToken("tok-0123456789abcdef", "owner-1", IdentityKind.ZARU_USER, TENANT,
                BuiltInContexts.AGENT_RUNTIME.name(), "exec-1", NOW, NOW.plus(Duration.ofMinutes(5)));
    }

    private static SealToolCall call(String tool) {
        return new SealToolCall(tool, new JsonValue.JsonObject(Map.of()));
    }

    @Test
    void consume_agentToolCallsPastTheOwnersPatternLimit_refusedAndOtherToolsStillAdmitted() {
        overrides.setUser(TENANT, "owner-1", LimitOverrides.none()
                .withRateLimit(RateLimitKey.toolCalls(ToolPattern.of("fs.*"), RateWindow.MINUTE), CountLimit.of(2)));
        limits.consume(token(), call("fs.read"));
        limits.consume(token(), call("fs.write"));

        assertThatThrownBy(() -> limits.consume(token(), call("fs.read")))
                .isInstanceOf(LimitExceededException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((LimitExceededException) e).retryAfter())
                        .isPresent());
        assertThatCode(() -> limits.consume(token(), call("cmd.run"))).doesNotThrowAnyException();
    }
}
