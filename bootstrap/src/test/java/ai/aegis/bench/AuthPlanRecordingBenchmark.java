package ai.aegis.bench;

import ai.aegis.adapters.identity.JwtCredentialVerifier;
import ai.aegis.adapters.identity.SealTokenSigner;
import ai.aegis.application.port.in.AuthenticateCallerCommand;
import ai.aegis.application.port.in.AuthenticatedCaller;
import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.TenantAccountPort;
import ai.aegis.application.service.AuthenticationService;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.identity.MyzaruJWT;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.tenancy.TenantAccount;
import ai.aegis.domain.tenancy.UserAccount;
import com.nimbusds.jose.JOSEException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
 * {@link AuthDecisionBenchmark}'s {@code distinctTokens} with plan recording switched on (the
 * constructor {@code aegis serve} uses): each of the {@link #DISTINCT} consumers is recorded once in
 * setup, and tear-down fails the run if the measured loop wrote a plan again, so the numbers show
 * what the per-instance plan cache costs on the hot path. {@code sealReuse=false} is the worst case:
 * every decision goes the issue path, where the cache is consulted.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class AuthPlanRecordingBenchmark {

    public static final int DISTINCT = 1_000;

    @Param({"true", "false"})
    public boolean sealReuse;

    private AuthenticationService service;
    private String[] tokens;
    private int next;
    private final AtomicInteger planWrites = new AtomicInteger();

    private static final AuditLogPort NOT_ON_THE_MEASURED_PATH = new AuditLogPort() {
        @Override
        public void record(AuditRecord record) {
            throw new IllegalStateException("the benchmark should never audit: " + record.reasonCode());
        }

        @Override
        public List<AuditRecord> listByTenant(TenantId tenantId, int limit) {
            return List.of();
        }

        @Override
        public <T> T recordAtomically(java.util.function.Supplier<T> change,
                java.util.function.Function<T, AuditRecord> recordOf) {
            throw new IllegalStateException("the benchmark should never audit a change");
        }
    };

    private final TenantAccountPort accounts = new TenantAccountPort() {
        @Override
        public TenantAccount recordPlanSeen(TenantId tenant, ZaruTier tier, Instant at) {
            planWrites.incrementAndGet();
            return TenantAccount.firstSeen(tenant, tier, at);
        }

        @Override
        public Optional<TenantAccount> tenant(TenantId tenant) {
            return Optional.empty();
        }

        @Override
        public UserAccount user(TenantId tenant, String subject) {
            return UserAccount.standard(tenant, subject);
        }

        @Override
        public void saveUser(UserAccount account) {
            throw new IllegalStateException("not on the measured path");
        }

        @Override
        public java.util.List<TenantAccount> listTenants(Optional<TenantId> after, int limit) {
            throw new IllegalStateException("not on the measured path");
        }

        @Override
        public java.util.List<UserAccount> listUsers(Optional<TenantId> tenant,
                Optional<ai.aegis.application.port.out.UserAccountKey> after, int limit) {
            throw new IllegalStateException("not on the measured path");
        }

        @Override
        public boolean tenantSuspended(TenantId tenant) {
            return false;
        }

        @Override
        public void setTenantSuspended(TenantId tenant, boolean suspended) {
            throw new IllegalStateException("not on the measured path");
        }
    };

    @Setup(Level.Trial)
    public void setUp() throws JOSEException {
        BenchTokens.Issuer idp = new BenchTokens.Issuer();
        JwtCredentialVerifier verifier = JwtCredentialVerifier.builder().realm(idp.consumerRealm())
                .verifiedTokenCache(10_000, Duration.ofMinutes(5)).build();
        Clock clock = Clock.systemUTC();
        ClockPort clockPort = clock::instant;
        SealTokenSigner seal = new SealTokenSigner(clock);
        Duration lifetime = AuthenticationService.DEFAULT_SEAL_LIFETIME;
        service = new AuthenticationService(verifier, seal, NOT_ON_THE_MEASURED_PATH, clockPort, lifetime,
                sealReuse ? lifetime.dividedBy(2) : Duration.ZERO, accounts);
        tokens = BenchTokens.consumerTokens(idp, clock.instant(), DISTINCT);
        for (String token : tokens) {
            service.authenticate(AuthenticateCallerCommand.of(MyzaruJWT.of(token)));
        }
        if (planWrites.get() != DISTINCT) {
            throw new IllegalStateException("expected one plan write per consumer in setup, saw " + planWrites.get());
        }
    }

    @TearDown(Level.Trial)
    public void noWritesWhileMeasuring() {
        // The plan cache is re-checked every 10 minutes; a trial is far shorter.
        if (planWrites.get() != DISTINCT) {
            throw new IllegalStateException("the hot path wrote plans: " + (planWrites.get() - DISTINCT) + " extra");
        }
    }

    @Benchmark
    public AuthenticatedCaller distinctTokens() {
        int i = next;
        next = i + 1 == DISTINCT ? 0 : i + 1;
        return service.authenticate(AuthenticateCallerCommand.of(MyzaruJWT.of(tokens[i])));
    }
}
