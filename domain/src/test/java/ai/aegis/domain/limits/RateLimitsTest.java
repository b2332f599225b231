package ai.aegis.domain.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.security.ToolPattern;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

    private static final RateLimitKey AGENT_MINUTE = RateLimitKey.of(RateLimitedResource.AGENT_EXECUTION, RateWindow.MINUTE);
    private static final RateLimitKey AGENT_DAY = RateLimitKey.of(RateLimitedResource.AGENT_EXECUTION, RateWindow.DAY);
    private static final RateLimitKey AGENT_HOUR = RateLimitKey.of(RateLimitedResource.AGENT_EXECUTION, RateWindow.HOUR);
    private static final RateLimitKey FS_MINUTE = RateLimitKey.toolCalls(ToolPattern.of("fs.*"), RateWindow.MINUTE);
    private static final Identity FREE_USER = Identity.zaruUser(ZaruUserId.of("alice"),
            TenantId.consumer(UUID.fromString("00000000-0000-0000-0000-00000000000a")), ZaruTier.FREE);

    @Test
    void forTier_everyTier_agentExecutionsPerMinuteAndDayFromDesignTable() {
        long[][] expected = {{3, 20}, {10, 200}, {30, 1_000}, {100, 10_000}};
        ZaruTier[] tiers = {ZaruTier.FREE, ZaruTier.PRO, ZaruTier.BUSINESS, ZaruTier.ENTERPRISE};
        for (int i = 0; i < tiers.length; i++) {
            RateLimits limits = RateLimits.forTier(tiers[i]);
            assertThat(limits.limits()).containsOnlyKeys(AGENT_MINUTE, AGENT_DAY);
            assertThat(limits.limitOf(AGENT_MINUTE)).contains(expected[i][0]);
            assertThat(limits.limitOf(AGENT_DAY)).contains(expected[i][1]);
        }
    }

    @Test
    void defaultsFor_operator_enterpriseRates() {
        assertThat(RateLimits.defaultsFor(Identity.operator("ops", AegisRole.ADMIN)))
                .isEqualTo(RateLimits.forTier(ZaruTier.ENTERPRISE));
    }

    @Test
    void resolve_tenantAndUserSetSameLimit_userWins() {
        LimitOverrides tenant = LimitOverrides.none().withAgentExecutionsPerMinute(50)
                .withRateLimit(FS_MINUTE, CountLimit.of(100));
        LimitOverrides user = LimitOverrides.none().withRateLimit(AGENT_MINUTE, CountLimit.of(7))
                .withRateLimit(FS_MINUTE, CountLimit.of(5));

        RateLimits limits = RateLimits.resolve(FREE_USER, tenant, user);

        assertThat(limits.limitOf(AGENT_MINUTE)).contains(7L);
        assertThat(limits.limitOf(FS_MINUTE)).contains(5L);
        assertThat(limits.limitOf(AGENT_DAY)).contains(20L);
    }

    @Test
    void resolve_onlyTenantSets_tenantOverTier() {
        RateLimits limits = RateLimits.resolve(FREE_USER, LimitOverrides.none().withAgentExecutionsPerDay(40)
                .withRateLimit(AGENT_HOUR, CountLimit.of(12)), LimitOverrides.none());

        assertThat(limits.limitOf(AGENT_DAY)).contains(40L);
        assertThat(limits.limitOf(AGENT_HOUR)).contains(12L);
        assertThat(limits.limitOf(AGENT_MINUTE)).contains(3L);
    }

    @Test
    void resolve_userSetsUnlimited_removesTenantLimit() {
        RateLimits limits = RateLimits.resolve(FREE_USER, LimitOverrides.none().withRateLimit(AGENT_HOUR, CountLimit.of(12)),
                LimitOverrides.none().withRateLimit(AGENT_HOUR, CountLimit.unlimited()));

        assertThat(limits.limitOf(AGENT_HOUR)).isEmpty();
    }

    @Test
    void resolve_agentRateAgreesWithResourceLimits() {
        LimitOverrides tenant = LimitOverrides.none().withAgentExecutionsPerMinute(9);
        LimitOverrides user = LimitOverrides.none().withAgentExecutionsPerDay(99);

        ResourceLimits resource = ResourceLimits.resolve(FREE_USER, tenant, user);
        RateLimits rates = RateLimits.resolve(FREE_USER, tenant, user);

        assertThat(rates.limitOf(AGENT_MINUTE)).contains((long) resource.agentExecutionsPerMinute());
        assertThat(rates.limitOf(AGENT_DAY)).contains((long) resource.agentExecutionsPerDay());
    }

    @Test
    void applicableTo_toolCall_patternsMatchingTheDottedName() {
        RateLimitKey anyMinute = RateLimitKey.toolCalls(ToolPattern.ANY, RateWindow.MINUTE);
        RateLimitKey fsWriteDay = RateLimitKey.toolCalls(ToolPattern.of("fs.write"), RateWindow.DAY);
        RateLimits limits = RateLimits.forTier(ZaruTier.PRO).apply(LimitOverrides.none()
                .withRateLimit(FS_MINUTE, CountLimit.of(5)).withRateLimit(anyMinute, CountLimit.of(60))
                .withRateLimit(fsWriteDay, CountLimit.of(10)));

        assertThat(limits.applicableTo(RateLimitedResource.TOOL_CALL, Optional.of("fs.read")))
                .extracting(RateLimit::key).containsExactlyInAnyOrder(anyMinute, FS_MINUTE);
        assertThat(limits.applicableTo(RateLimitedResource.TOOL_CALL, Optional.of("fs.write")))
                .extracting(RateLimit::key).containsExactlyInAnyOrder(anyMinute, FS_MINUTE, fsWriteDay);
        assertThat(limits.applicableTo(RateLimitedResource.TOOL_CALL, Optional.of("fsx.read")))
                .extracting(RateLimit::key).containsExactly(anyMinute);
        assertThat(limits.applicableTo(RateLimitedResource.AGENT_EXECUTION, Optional.empty()))
                .extracting(RateLimit::key).containsExactly(AGENT_MINUTE, AGENT_DAY);
        assertThat(limits.applicableTo(RateLimitedResource.LLM_CALL, Optional.empty())).isEmpty();
    }

    @Test
    void key_toolPatternOnlyForToolCalls_refusedOtherwise() {
        assertThatThrownBy(() -> new RateLimitKey(RateLimitedResource.LLM_CALL, Optional.of(ToolPattern.ANY),
                RateWindow.DAY)).isInstanceOf(InvalidInputException.class).hasFieldOrPropertyWithValue("code",
                "limits.tool_pattern");
        assertThatThrownBy(() -> RateLimitKey.of(RateLimitedResource.TOOL_CALL, RateWindow.DAY))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void key_counterNames_distinctAndReadable() {
        assertThat(FS_MINUTE.counterName()).isEqualTo("tool_call[fs.*].minute");
        assertThat(AGENT_DAY.counterName()).isEqualTo("agent_execution.day");
        assertThat(FS_MINUTE.describe()).isEqualTo("tool calls matching fs.* per minute");
        assertThat(List.of(AGENT_MINUTE, AGENT_DAY, AGENT_HOUR, FS_MINUTE)).extracting(RateLimitKey::counterName)
                .doesNotHaveDuplicates();
    }

    @Test
    void withRateLimit_agentExecutionsUnlimited_refused() {
        assertThatThrownBy(() -> LimitOverrides.none().withRateLimit(AGENT_DAY, CountLimit.unlimited()))
                .isInstanceOf(InvalidInputException.class).hasFieldOrPropertyWithValue("code", "limits.invalid_rate");
    }

    @Test
    void withRateLimit_agentExecutionsPerMinute_storedInItsOwnField() {
        LimitOverrides overrides = LimitOverrides.none().withRateLimit(AGENT_MINUTE, CountLimit.of(4));

        assertThat(overrides.agentExecutionsPerMinute()).hasValue(4);
        assertThat(overrides.rateLimits()).isEmpty();
        assertThat(overrides).isEqualTo(LimitOverrides.none().withAgentExecutionsPerMinute(4));
        assertThat(overrides.rateLimitChanges()).containsEntry(AGENT_MINUTE, CountLimit.of(4));
    }

    @Test
    void constructor_agentExecutionRateInTheMap_refused() {
        assertThatThrownBy(() -> LimitOverrides.none().withRateLimits(Map.of(AGENT_DAY, CountLimit.of(3)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherWithMethods_keepRateLimits() {
        LimitOverrides overrides = LimitOverrides.none().withRateLimit(FS_MINUTE, CountLimit.of(5)).withMaxIterations(3)
                .withSelfHosted(true);

        assertThat(overrides.rateLimits()).containsEntry(FS_MINUTE, CountLimit.of(5));
    }
}
