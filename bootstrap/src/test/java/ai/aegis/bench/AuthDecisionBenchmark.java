package ai.aegis.bench;

import ai.aegis.adapters.identity.JwtCredentialVerifier;
import ai.aegis.adapters.identity.SealTokenSigner;
import ai.aegis.application.port.in.AuthenticateCallerCommand;
import ai.aegis.application.port.in.AuthenticatedCaller;
import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.application.service.AuthenticationService;
import ai.aegis.domain.identity.MyzaruJWT;
import com.nimbusds.jose.JOSEException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The authentication decision as the MCP and gRPC edges run it on every request: wrap the bearer
 * header, build the command, verify the token (real {@link JwtCredentialVerifier} over an in-memory
 * RS256 key set, as a Keycloak realm would publish), map it to an identity and its security
 * context, and hand out a SEAL token from the real {@link SealTokenSigner}.
 *
 * <p>The verified-token cache is warm: every token is verified once in setup, so the loop measures
 * the cached path. {@code sameToken} repeats one caller; {@code distinctTokens} cycles over
 * {@link #DISTINCT} valid tokens of different users, so the caches hold many entries and the
 * fingerprints differ on each call. {@code sealReuse=false} switches off the service's SEAL reuse
 * window, so each decision signs a fresh Ed25519 SEAL token (what reuse saves).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class AuthDecisionBenchmark {

    /** How many different callers {@code distinctTokens} cycles over. */
    public static final int DISTINCT = 1_000;

    @Param({"true", "false"})
    public boolean sealReuse;

    private AuthenticationService service;
    private String[] tokens;
    private int next;

    /** Only a refused identity header is audited during authentication; the benchmark sends none. */
    private static final AuditLogPort NOT_ON_THE_MEASURED_PATH = new AuditLogPort() {
        @Override
        public void record(AuditRecord record) {
            throw new IllegalStateException("the benchmark should never audit: " + record.reasonCode());
        }

        @Override
        public java.util.List<AuditRecord> listByTenant(ai.aegis.domain.identity.TenantId tenantId, int limit) {
            return java.util.List.of();
        }

        @Override
        public <T> T recordAtomically(java.util.function.Supplier<T> change,
                java.util.function.Function<T, AuditRecord> recordOf) {
            throw new IllegalStateException("the benchmark should never audit a change");
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
                sealReuse ? lifetime.dividedBy(2) : Duration.ZERO);

        tokens = BenchTokens.consumerTokens(idp, clock.instant(), DISTINCT);
        for (String token : tokens) {
            service.authenticate(AuthenticateCallerCommand.of(MyzaruJWT.of(token)));
        }
        if (verifier.cachedTokens() != DISTINCT) {
            throw new IllegalStateException("the verified-token cache is not warm: " + verifier.cachedTokens());
        }
    }

    @Benchmark
    public AuthenticatedCaller sameToken() {
        return service.authenticate(AuthenticateCallerCommand.of(MyzaruJWT.of(tokens[0])));
    }

    @Benchmark
    public AuthenticatedCaller distinctTokens() {
        int i = next;
        next = i + 1 == DISTINCT ? 0 : i + 1;
        return service.authenticate(AuthenticateCallerCommand.of(MyzaruJWT.of(tokens[i])));
    }
}
