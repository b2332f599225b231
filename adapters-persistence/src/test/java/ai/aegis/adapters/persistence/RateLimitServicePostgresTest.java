package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.aegis.application.memory.InMemoryAuditLogAdapter;
import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.port.in.AdmitRateLimitedCallCommand;
import ai.aegis.application.port.in.AdmitRateLimitedCallUseCase;
import ai.aegis.application.service.RateLimitService;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
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
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rate-limit use case wired to PostgreSQL for both its counters and its overrides, as the
 * service's own role: two service instances on one database, an administrator's override change
 * taking effect on the next call, and a day limit biting at the day's edge.
 */
class RateLimitServicePostgresTest {

    private static final Instant START = Instant.parse("2026-11-28T23:59:00Z");
    private static final Identity.ZaruUser FREE = Identity.zaruUser(ZaruUserId.of("alice"),
            TenantId.consumer(UUID.fromString("00000000-0000-4000-8000-0000000000f1")), ZaruTier.FREE);

    @RegisterExtension
    static final PostgresDatabase DATABASE = PostgresDatabase.asServiceRole();

    private final InMemoryClockAdapter clock = new InMemoryClockAdapter(START);
    private final InMemoryAuditLogAdapter audit = new InMemoryAuditLogAdapter();
    private LimitOverridesPersistenceAdapter overrides;

    @BeforeEach
    void clean() {
        DATABASE.owner().useHandle(h -> h.execute("TRUNCATE rate_limit_counter, limit_override, limit_rate_override"));
        overrides = new LimitOverridesPersistenceAdapter(DATABASE.persistence().jdbi());
    }

    private AdmitRateLimitedCallUseCase service(PostgresPersistence persistence) {
        return new RateLimitService(new LimitOverridesPersistenceAdapter(persistence.jdbi()),
                new RateLimitCounterPersistenceAdapter(persistence.jdbi()), audit, clock);
    }

    private static AdmitRateLimitedCallCommand agentRun() {
        return AdmitRateLimitedCallCommand.of(FREE, RateLimitedResource.AGENT_EXECUTION, false);
    }

    @Test
    void admit_fiftyConcurrentCallersOnTwoServiceInstances_exactlyTheLimitAdmitted() throws Exception {
        overrides.setUser(FREE.tenantId(), FREE.subject(), LimitOverrides.none().withAgentExecutionsPerMinute(12));
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try (PostgresPersistence other = PostgresPersistence.start(DATABASE.settings()
                .withAppRole(PostgresPersistence.APP_ROLE))) {
            List<AdmitRateLimitedCallUseCase> instances = List.of(service(DATABASE.persistence()), service(other));
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                AdmitRateLimitedCallUseCase instance = instances.get(i % 2);
                Callable<Boolean> racer = () -> {
                    start.await();
                    try {
                        instance.admit(agentRun());
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
                admitted += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }

            assertThat(admitted).isEqualTo(12);
            assertThat(audit.all()).hasSize(38);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void admit_adminChangesOverrideAtRuntime_nextCallUsesIt() {
        AdmitRateLimitedCallUseCase service = service(DATABASE.persistence());
        RateLimitKey fsPerMinute = RateLimitKey.toolCalls(ToolPattern.of("fs.*"), RateWindow.MINUTE);
        overrides.setTenant(FREE.tenantId(), LimitOverrides.none().withRateLimit(fsPerMinute, CountLimit.of(1)));
        service.admit(AdmitRateLimitedCallCommand.toolCall(FREE, "fs.read"));
        assertThatThrownBy(() -> service.admit(AdmitRateLimitedCallCommand.toolCall(FREE, "fs.write")))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("tool calls matching fs.* per minute");

        overrides.setUser(FREE.tenantId(), FREE.subject(), LimitOverrides.none().withRateLimit(fsPerMinute,
                CountLimit.unlimited()));

        assertThatCode(() -> service.admit(AdmitRateLimitedCallCommand.toolCall(FREE, "fs.write")))
                .doesNotThrowAnyException();
    }

    @Test
    void admit_freeDayLimit_refuses21stAndAdmitsAfterMidnightUtc() {
        AdmitRateLimitedCallUseCase service = service(DATABASE.persistence());
        overrides.setUser(FREE.tenantId(), FREE.subject(), LimitOverrides.none().withAgentExecutionsPerMinute(100));
        clock.advance(Duration.ofHours(-1));
        for (int i = 0; i < 20; i++) {
            service.admit(agentRun());
        }
        clock.advance(Duration.ofMinutes(60));

        LimitExceededException refused = (LimitExceededException) catchThrowable(
                () -> service.admit(agentRun()));
        assertThat(refused.code()).isEqualTo("limit.rate.agent_execution");
        assertThat(refused.getMessage()).contains("20 agent executions per day", "used 20 of 20");
        assertThat(refused.retryAfter()).contains(Duration.ofMinutes(1));

        clock.advance(Duration.ofMinutes(1));
        assertThatCode(() -> service.admit(agentRun())).doesNotThrowAnyException();
        assertThat(new RateLimitCounterPersistenceAdapter(DATABASE.persistence().jdbi()).purgeExpired(clock.now()))
                .as("yesterday's day and minute windows").isGreaterThanOrEqualTo(2);
    }
}
