package ai.aegis.application.contract;

import static ai.aegis.application.contract.ContractFixtures.TENANT_A;
import static ai.aegis.application.contract.ContractFixtures.TENANT_B;
import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.port.out.RateCounterIncrement;
import ai.aegis.application.port.out.RateCounterOutcome;
import ai.aegis.application.port.out.RateLimitCounterPort;
import ai.aegis.domain.identity.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimitCounterPort} adapter must do: admit up to the limit and not one more,
 * report the current count on refusal, add all increments or none, start each window at zero, keep
 * tenants, subjects and counters apart, purge ended windows only, and stay exact with
 * {@value #RACERS} concurrent callers.
 */
public abstract class RateLimitCounterPortContract {

    protected static final int RACERS = 50;
    protected static final Instant MINUTE = Instant.parse("2026-11-28T12:00:00Z");
    protected static final Instant DAY = Instant.parse("2026-11-28T00:00:00Z");

    private RateLimitCounterPort counters;

    /** A fresh adapter with no counts. */
    protected abstract RateLimitCounterPort newCounterPort();

    @BeforeEach
    void setUpCounters() {
        counters = newCounterPort();
    }

    protected static RateCounterIncrement perMinute(long limit) {
        return new RateCounterIncrement("agent_execution.minute", MINUTE, MINUTE.plusSeconds(60), 1, limit);
    }

    protected static RateCounterIncrement perDay(long limit) {
        return new RateCounterIncrement("agent_execution.day", DAY, DAY.plusSeconds(86_400), 1, limit);
    }

    private static RateCounterIncrement tokens(long amount, long limit) {
        return new RateCounterIncrement("llm_token.minute", MINUTE, MINUTE.plusSeconds(60), amount, limit);
    }

    @Test
    void tryAddAll_upToLimit_admitsThenRefusesWithCurrentCount() {
        for (int i = 0; i < 3; i++) {
            assertThat(counters.tryAddAll(TENANT_A, "alice", List.of(perMinute(3))).isAdmitted()).isTrue();
        }

        RateCounterOutcome fourth = counters.tryAddAll(TENANT_A, "alice", List.of(perMinute(3)));

        assertThat(fourth.isAdmitted()).isFalse();
        assertThat(fourth.refusedBy()).contains(perMinute(3));
        assertThat(fourth.currentCount()).isEqualTo(3);
    }

    @Test
    void tryAddAll_refused_consumesNothingSoLaterLargerLimitSeesSameCount() {
        counters.tryAddAll(TENANT_A, "alice", List.of(perMinute(1)));
        for (int i = 0; i < 5; i++) {
            counters.tryAddAll(TENANT_A, "alice", List.of(perMinute(1)));
        }

        assertThat(counters.tryAddAll(TENANT_A, "alice", List.of(perMinute(2))).isAdmitted()).isTrue();
        assertThat(counters.tryAddAll(TENANT_A, "alice", List.of(perMinute(2))).currentCount()).isEqualTo(2);
    }

    @Test
    void tryAddAll_secondCounterRefuses_firstCounterUnchanged() {
        counters.tryAddAll(TENANT_A, "alice", List.of(perDay(1)));

        RateCounterOutcome refused = counters.tryAddAll(TENANT_A, "alice", List.of(perMinute(5), perDay(1)));

        assertThat(refused.refusedBy()).contains(perDay(1));
        assertThat(refused.currentCount()).isEqualTo(1);
        RateCounterOutcome minuteOnly = counters.tryAddAll(TENANT_A, "alice", List.of(perMinute(1)));
        assertThat(minuteOnly.isAdmitted()).as("the refused call must not have counted in the minute").isTrue();
    }

    @Test
    void tryAddAll_amountOverRemaining_refusedAndNothingAdded() {
        assertThat(counters.tryAddAll(TENANT_A, "alice", List.of(tokens(700, 1_000))).isAdmitted()).isTrue();

        RateCounterOutcome refused = counters.tryAddAll(TENANT_A, "alice", List.of(tokens(301, 1_000)));

        assertThat(refused.currentCount()).isEqualTo(700);
        assertThat(counters.tryAddAll(TENANT_A, "alice", List.of(tokens(300, 1_000))).isAdmitted()).isTrue();
        assertThat(counters.tryAddAll(TENANT_A, "alice", List.of(tokens(1, 1_000))).currentCount()).isEqualTo(1_000);
    }

    @Test
    void tryAddAll_limitZero_refusesFirstWithCountZero() {
        RateCounterOutcome refused = counters.tryAddAll(TENANT_A, "alice", List.of(perMinute(0)));

        assertThat(refused.isAdmitted()).isFalse();
        assertThat(refused.currentCount()).isZero();
    }

    @Test
    void tryAddAll_limitNearLongMax_noOverflow() {
        assertThat(counters.tryAddAll(TENANT_A, "alice", List.of(tokens(Long.MAX_VALUE - 1, Long.MAX_VALUE)))
                .isAdmitted()).isTrue();

        RateCounterOutcome refused = counters.tryAddAll(TENANT_A, "alice", List.of(tokens(2, Long.MAX_VALUE)));

        assertThat(refused.currentCount()).isEqualTo(Long.MAX_VALUE - 1);
        assertThat(counters.tryAddAll(TENANT_A, "alice", List.of(tokens(1, Long.MAX_VALUE))).isAdmitted()).isTrue();
    }

    @Test
    void tryAddAll_nextWindowStart_countsFromZero() {
        counters.tryAddAll(TENANT_A, "alice", List.of(perMinute(1)));
        Instant next = MINUTE.plusSeconds(60);

        RateCounterOutcome nextMinute = counters.tryAddAll(TENANT_A, "alice",
                List.of(new RateCounterIncrement("agent_execution.minute", next, next.plusSeconds(60), 1, 1)));

        assertThat(nextMinute.isAdmitted()).isTrue();
    }

    @Test
    void tryAddAll_otherTenantSubjectOrCounter_separateCounts() {
        counters.tryAddAll(TENANT_A, "alice", List.of(perMinute(1)));

        assertThat(counters.tryAddAll(TENANT_B, "alice", List.of(perMinute(1))).isAdmitted()).isTrue();
        assertThat(counters.tryAddAll(TENANT_A, "bob", List.of(perMinute(1))).isAdmitted()).isTrue();
        assertThat(counters.tryAddAll(TENANT_A, "alice", List.of(new RateCounterIncrement("workflow_execution.minute",
                MINUTE, MINUTE.plusSeconds(60), 1, 1))).isAdmitted()).isTrue();
        assertThat(counters.tryAddAll(TENANT_A, "alice", List.of(perMinute(1))).isAdmitted()).isFalse();
    }

    @Test
    void purgeExpired_endedAndLiveWindows_removesOnlyEnded() {
        counters.tryAddAll(TENANT_A, "alice", List.of(perMinute(1), perDay(1)));
        counters.tryAddAll(TENANT_B, "bob", List.of(perMinute(5)));

        assertThat(counters.purgeExpired(MINUTE.plusSeconds(59))).isZero();
        assertThat(counters.purgeExpired(MINUTE.plusSeconds(60))).isEqualTo(2);
        assertThat(counters.purgeExpired(MINUTE.plusSeconds(60))).isZero();
        assertThat(counters.tryAddAll(TENANT_A, "alice", List.of(perDay(1))).currentCount())
                .as("the day window is still live and keeps its count").isEqualTo(1);
    }

    @Test
    void tryAddAll_fiftyConcurrentCallers_exactlyTheLimitAdmitted() throws Exception {
        List<RateCounterOutcome> outcomes = race(List.of(counters), TENANT_A, "alice", List.of(perMinute(100), perDay(20)));

        assertThat(outcomes.stream().filter(RateCounterOutcome::isAdmitted).count()).isEqualTo(20);
        assertThat(outcomes.stream().filter(o -> !o.isAdmitted()))
                .allSatisfy(o -> assertThat(o.currentCount()).isEqualTo(20));
        assertThat(counters.tryAddAll(TENANT_A, "alice",
                        List.of(new RateCounterIncrement("agent_execution.minute", MINUTE, MINUTE.plusSeconds(60), 80, 100)))
                .isAdmitted()).as("refused racers must not have counted in the minute").isTrue();
    }

    /**
     * Runs {@value #RACERS} callers at once, spread round-robin over {@code instances}, each calling
     * {@code tryAddAll} once with {@code increments}; answers every outcome.
     */
    protected static List<RateCounterOutcome> race(List<RateLimitCounterPort> instances, TenantId tenant, String subject,
            List<RateCounterIncrement> increments) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<RateCounterOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                RateLimitCounterPort instance = instances.get(i % instances.size());
                Callable<RateCounterOutcome> racer = () -> {
                    start.await();
                    return instance.tryAddAll(tenant, subject, increments);
                };
                futures.add(pool.submit(racer));
            }
            start.countDown();
            List<RateCounterOutcome> outcomes = new ArrayList<>();
            for (Future<RateCounterOutcome> future : futures) {
                outcomes.add(future.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
