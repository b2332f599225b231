package ai.aegis.bench;

import ai.aegis.adapters.persistence.JdbcSettings;
import ai.aegis.adapters.persistence.LimitOverridesPersistenceAdapter;
import ai.aegis.adapters.persistence.PostgresPersistence;
import ai.aegis.adapters.persistence.RateLimitCounterPersistenceAdapter;
import ai.aegis.application.memory.InMemoryAuditLogAdapter;
import ai.aegis.application.memory.InMemoryLimitOverridesAdapter;
import ai.aegis.application.memory.InMemoryRateLimitCounterAdapter;
import ai.aegis.application.port.in.AdmitRateLimitedCallCommand;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.service.RateLimitService;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.limits.RateLimitedResource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * One rate-limit decision as the integrator will call it before an agent execution starts:
 * {@link RateLimitService#admit} for a Free user whose overrides raise the per-minute and per-day
 * limits so that every call is admitted (the path every real call takes). Each decision reads the
 * tenant's and the user's overrides and takes both counters (minute and day) all or nothing.
 *
 * <p>{@code store}: {@code memory} = the in-memory twins (one lock); {@code postgres} = the real
 * PostgreSQL adapters on an embedded PostgreSQL 14 with durable commits ({@code fsync} and
 * {@code synchronous_commit} on, as {@code aegis serve} runs it), sessions as the non-superuser app
 * role with row-level security; {@code postgres-nosync} = the same with commits not waiting for
 * the disk (the embedded library's test defaults). Calls cycle over {@link #USERS} users, so
 * concurrent threads rarely queue on one counter row.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class RateLimitBenchmark {

    /** How many different users the calls cycle over. */
    public static final int USERS = 1_000;

    @Param({"memory", "postgres", "postgres-nosync"})
    public String store;

    private EmbeddedPostgres postgres;
    private PostgresPersistence persistence;
    private RateLimitService service;
    private AdmitRateLimitedCallCommand[] commands;
    private final AtomicInteger next = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ClockPort clock = Clock.systemUTC()::instant;
        commands = new AdmitRateLimitedCallCommand[USERS];
        Identity.ZaruUser[] users = new Identity.ZaruUser[USERS];
        for (int i = 0; i < USERS; i++) {
            users[i] = Identity.zaruUser(ZaruUserId.of("bench-user-" + i),
                    TenantId.consumer(UUID.nameUUIDFromBytes(("bench-" + i).getBytes())), ZaruTier.FREE);
            commands[i] = AdmitRateLimitedCallCommand.of(users[i], RateLimitedResource.AGENT_EXECUTION, false);
        }
        LimitOverrides generous = LimitOverrides.none().withAgentExecutionsPerMinute(Integer.MAX_VALUE)
                .withAgentExecutionsPerDay(Integer.MAX_VALUE);
        if (store.equals("memory")) {
            InMemoryLimitOverridesAdapter overrides = new InMemoryLimitOverridesAdapter();
            for (Identity.ZaruUser user : users) {
                overrides.setUser(user.tenantId(), user.subject(), generous);
            }
            service = new RateLimitService(overrides, new InMemoryRateLimitCounterAdapter(), new InMemoryAuditLogAdapter(),
                    clock);
            return;
        }
        boolean durable = store.equals("postgres");
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .setServerConfig("full_page_writes", durable ? "on" : "off")
                .start();
        persistence = PostgresPersistence.start(new JdbcSettings(postgres.getJdbcUrl("postgres", "postgres"), "postgres",
                null, 10, PostgresPersistence.APP_ROLE));
        LimitOverridesPersistenceAdapter overrides = new LimitOverridesPersistenceAdapter(persistence.jdbi());
        for (Identity.ZaruUser user : users) {
            overrides.setUser(user.tenantId(), user.subject(), generous);
        }
        service = new RateLimitService(overrides, new RateLimitCounterPersistenceAdapter(persistence.jdbi()),
                new InMemoryAuditLogAdapter(), clock);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (persistence != null) {
            persistence.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Benchmark
    public void admitAgentExecution() {
        service.admit(commands[Math.floorMod(next.getAndIncrement(), USERS)]);
    }
}
