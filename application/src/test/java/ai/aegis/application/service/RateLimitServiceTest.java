package ai.aegis.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.memory.InMemoryAuditLogAdapter;
import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.memory.InMemoryLimitOverridesAdapter;
import ai.aegis.application.memory.InMemoryRateLimitCounterAdapter;
import ai.aegis.application.port.in.AdmitRateLimitedCallCommand;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.limits.RateLimitKey;
import ai.aegis.domain.limits.RateLimitedResource;
import ai.aegis.domain.limits.RateWindow;
import ai.aegis.domain.security.ToolPattern;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RateLimitServiceTest {

    // Wednesday 2026-11-25 00:00 UTC: a day, hour and minute start; mid-week and mid-month.
    private static final Instant WEDNESDAY = Instant.parse("2026-11-25T00:00:00Z");
    private static final Identity.ZaruUser FREE = ServiceFixture.user("alice", ZaruTier.FREE);
    private static final Identity.ZaruUser PRO = ServiceFixture.user("pat", ZaruTier.PRO);

    private final InMemoryClockAdapter clock = new InMemoryClockAdapter(WEDNESDAY);
    private final InMemoryLimitOverridesAdapter overrides = new InMemoryLimitOverridesAdapter();
    private final InMemoryRateLimitCounterAdapter counters = new InMemoryRateLimitCounterAdapter();
    private final InMemoryAuditLogAdapter audit = new InMemoryAuditLogAdapter();
    private final RateLimitService service = new RateLimitService(overrides, counters, audit, clock);

    private static AdmitRateLimitedCallCommand agentRun(Identity identity) {
        return AdmitRateLimitedCallCommand.of(identity, RateLimitedResource.AGENT_EXECUTION, false);
    }

    private static AdmitRateLimitedCallCommand workflowRun(Identity identity) {
        return AdmitRateLimitedCallCommand.of(identity, RateLimitedResource.WORKFLOW_EXECUTION, false);
    }

    private void admitTimes(AdmitRateLimitedCallCommand command, int times) {
        for (int i = 0; i < times; i++) {
            service.admit(command);
        }
    }

    private LimitExceededException refusal(AdmitRateLimitedCallCommand command) {
        try {
            service.admit(command);
        } catch (LimitExceededException e) {
            return e;
        }
        throw new AssertionError("expected a rate-limit refusal");
    }

    private void setUser(Identity.ZaruUser user, LimitOverrides value) {
        overrides.setUser(user.tenantId(), user.subject(), value);
    }

    @Test
    void admit_freeDayLimit20_refuses21stOfTheDayAndAdmitsNextDay() {
        for (int i = 0; i < 20; i++) {
            service.admit(agentRun(FREE));
            clock.advance(Duration.ofMinutes(5));
        }

        LimitExceededException refused = refusal(agentRun(FREE));
        assertThat(refused.code()).isEqualTo("limit.rate.agent_execution");
        assertThat(refused.getMessage()).contains("20 agent executions per day", "used 20 of 20",
                "2026-11-26T00:00:00Z");

        clock.advance(Duration.between(clock.now(), WEDNESDAY.plus(Duration.ofDays(1))));
        assertThatCode(() -> service.admit(agentRun(FREE))).doesNotThrowAnyException();
    }

    @Test
    void admit_freeMinuteLimit3_refuses4thAndAdmitsAtNextMinute() {
        clock.advance(Duration.ofSeconds(10));
        admitTimes(agentRun(FREE), 3);

        LimitExceededException refused = refusal(agentRun(FREE));
        assertThat(refused.getMessage()).contains("3 agent executions per minute", "used 3 of 3");
        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(50));

        clock.advance(Duration.ofSeconds(50));
        assertThatCode(() -> service.admit(agentRun(FREE))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(RateWindow.class)
    void admit_limitOf2InEachWindowLength_bitesUntilTheWindowEnds(RateWindow window) {
        setUser(PRO, LimitOverrides.none().withRateLimit(RateLimitKey.of(RateLimitedResource.WORKFLOW_EXECUTION, window),
                CountLimit.of(2)));
        Instant end = window.endOf(WEDNESDAY);
        service.admit(workflowRun(PRO));
        clock.advance(Duration.between(WEDNESDAY, end).dividedBy(2));
        service.admit(workflowRun(PRO));
        clock.advance(Duration.between(clock.now(), end).minusNanos(1));

        LimitExceededException refused = refusal(workflowRun(PRO));
        assertThat(refused.code()).isEqualTo("limit.rate.workflow_execution");
        assertThat(refused.getMessage()).contains("per " + window.slug(), "used 2 of 2", end.toString());
        assertThat(refused.retryAfter()).contains(Duration.ofNanos(1));

        clock.advance(Duration.ofNanos(1));
        assertThatCode(() -> admitTimes(workflowRun(PRO), 2)).doesNotThrowAnyException();
        assertThat(refusal(workflowRun(PRO)).retryAfter()).contains(Duration.between(end, window.endOf(end)));
    }

    @Test
    void admit_refusedCalls_consumeNothingInAnyWindow() {
        setUser(FREE, LimitOverrides.none().withAgentExecutionsPerDay(5));
        admitTimes(agentRun(FREE), 3);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> service.admit(agentRun(FREE))).isInstanceOf(LimitExceededException.class);
        }
        clock.advance(Duration.ofMinutes(1));

        assertThatCode(() -> admitTimes(agentRun(FREE), 2)).as("five refusals must not have used the day's quota")
                .doesNotThrowAnyException();
        LimitExceededException refused = refusal(agentRun(FREE));
        assertThat(refused.getMessage()).contains("5 agent executions per day", "used 5 of 5");
    }

    @Test
    void admit_tenantAndUserOverrides_userWins() {
        overrides.setTenant(PRO.tenantId(), LimitOverrides.none().withAgentExecutionsPerMinute(1));
        setUser(PRO, LimitOverrides.none().withAgentExecutionsPerMinute(4));

        admitTimes(agentRun(PRO), 4);

        assertThat(refusal(agentRun(PRO)).getMessage()).contains("4 agent executions per minute");
    }

    @Test
    void admit_onlyTenantOverride_tenantOverTier() {
        overrides.setTenant(PRO.tenantId(), LimitOverrides.none().withAgentExecutionsPerMinute(1));

        service.admit(agentRun(PRO));

        assertThat(refusal(agentRun(PRO)).getMessage()).contains("1 agent executions per minute");
    }

    @Test
    void admit_overrideChangedBetweenCalls_appliesToNextCallWithoutRestart() {
        admitTimes(agentRun(FREE), 3);
        assertThatThrownBy(() -> service.admit(agentRun(FREE))).isInstanceOf(LimitExceededException.class);

        setUser(FREE, LimitOverrides.none().withAgentExecutionsPerMinute(5));
        admitTimes(agentRun(FREE), 2);
        setUser(FREE, LimitOverrides.none().withAgentExecutionsPerMinute(2));

        assertThat(refusal(agentRun(FREE)).getMessage()).contains("2 agent executions per minute", "used 5 of 2");
    }

    @Test
    void admit_byokUser_exemptFromModelLimitsOnly() {
        LimitOverrides tight = LimitOverrides.none()
                .withRateLimit(RateLimitKey.of(RateLimitedResource.LLM_CALL, RateWindow.MINUTE), CountLimit.of(1))
                .withRateLimit(RateLimitKey.of(RateLimitedResource.LLM_TOKEN, RateWindow.MINUTE), CountLimit.of(100));
        setUser(FREE, tight);

        for (int i = 0; i < 10; i++) {
            service.admit(AdmitRateLimitedCallCommand.of(FREE, RateLimitedResource.LLM_CALL, true));
            service.admit(AdmitRateLimitedCallCommand.llmTokens(FREE, 1_000, true));
        }
        admitTimes(AdmitRateLimitedCallCommand.of(FREE, RateLimitedResource.AGENT_EXECUTION, true), 3);

        assertThat(refusal(AdmitRateLimitedCallCommand.of(FREE, RateLimitedResource.AGENT_EXECUTION, true)).code())
                .isEqualTo("limit.rate.agent_execution");
        service.admit(AdmitRateLimitedCallCommand.of(FREE, RateLimitedResource.LLM_CALL, false));
        assertThat(refusal(AdmitRateLimitedCallCommand.of(FREE, RateLimitedResource.LLM_CALL, false)).code())
                .isEqualTo("limit.rate.llm_call");
        assertThat(refusal(AdmitRateLimitedCallCommand.llmTokens(FREE, 101, false)).getMessage())
                .contains("this call needs 101", "more than the limit allows");
    }

    @Test
    void admit_llmTokens_countedByAmount() {
        setUser(PRO, LimitOverrides.none().withRateLimit(RateLimitKey.of(RateLimitedResource.LLM_TOKEN, RateWindow.HOUR),
                CountLimit.of(1_000)));
        service.admit(AdmitRateLimitedCallCommand.llmTokens(PRO, 600, false));

        assertThat(refusal(AdmitRateLimitedCallCommand.llmTokens(PRO, 401, false)).getMessage())
                .contains("used 600 of 1000", "this call needs 401");
        assertThatCode(() -> service.admit(AdmitRateLimitedCallCommand.llmTokens(PRO, 400, false)))
                .doesNotThrowAnyException();
    }

    @Test
    void admit_toolCallsByPattern_sharedCountForMatchingNamesOnly() {
        setUser(PRO, LimitOverrides.none().withRateLimit(RateLimitKey.toolCalls(ToolPattern.of("fs.*"), RateWindow.MINUTE),
                CountLimit.of(2)));
        service.admit(AdmitRateLimitedCallCommand.toolCall(PRO, "fs.read"));
        service.admit(AdmitRateLimitedCallCommand.toolCall(PRO, "fs.write"));

        LimitExceededException refused = refusal(AdmitRateLimitedCallCommand.toolCall(PRO, "fs.list"));
        assertThat(refused.code()).isEqualTo("limit.rate.tool_call");
        assertThat(refused.getMessage()).contains("tool calls matching fs.* per minute");
        assertThatCode(() -> admitTimes(AdmitRateLimitedCallCommand.toolCall(PRO, "aegis.agent.list"), 5))
                .doesNotThrowAnyException();
    }

    @Test
    void admit_noLimitConfigured_admitsWithoutCounting() {
        admitTimes(AdmitRateLimitedCallCommand.of(FREE, RateLimitedResource.LLM_CALL, false), 50);

        assertThat(counters.purgeExpired(Instant.MAX)).isZero();
    }

    @Test
    void admit_refusal_auditedWithCodeAndLimit() {
        admitTimes(agentRun(FREE), 3);
        refusal(agentRun(FREE));

        List<AuditRecord> records = audit.all();
        assertThat(records).hasSize(1);
        AuditRecord record = records.get(0);
        assertThat(record.decision()).isEqualTo(AuditDecision.DENIED);
        assertThat(record.action()).isEqualTo("rate_limit.agent_execution");
        assertThat(record.reasonCode()).isEqualTo("limit.rate.agent_execution");
        assertThat(record.target()).contains("agent_execution.minute");
        assertThat(record.tenantId()).isEqualTo(FREE.tenantId());
        assertThat(record.actorSubject()).isEqualTo("alice");
    }

    @Test
    void admit_operator_enterpriseDefaultsInPlatformTenant() {
        Identity operator = Identity.operator("ops-1", AegisRole.OPERATOR);
        admitTimes(agentRun(operator), 100);

        refusal(agentRun(operator));
        assertThat(audit.all()).singleElement().extracting(AuditRecord::tenantId)
                .isEqualTo(TenantId.of("aegis-system"));
    }

    @Test
    void admit_usersCountedSeparately() {
        admitTimes(agentRun(FREE), 3);

        assertThatCode(() -> admitTimes(agentRun(ServiceFixture.user("bea", ZaruTier.FREE)), 3))
                .doesNotThrowAnyException();
    }

    @Test
    void admit_fiftyConcurrentCallers_exactlyTheLimitAdmitted() throws Exception {
        setUser(PRO, LimitOverrides.none().withAgentExecutionsPerMinute(1_000).withAgentExecutionsPerDay(17));
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Callable<Boolean> racer = () -> {
                    start.await();
                    try {
                        service.admit(agentRun(PRO));
                        return true;
                    } catch (LimitExceededException e) {
                        return false;
                    }
                };
                results.add(pool.submit(racer));
            }
            start.countDown();
            int admitted = 0;
            for (Future<Boolean> result : results) {
                admitted += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(17);
            assertThat(audit.all()).hasSize(33);
        } finally {
            pool.shutdownNow();
        }
    }
}
