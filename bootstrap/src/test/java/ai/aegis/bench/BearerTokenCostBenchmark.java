package ai.aegis.bench;

import ai.aegis.domain.identity.MyzaruJWT;
import com.nimbusds.jose.JOSEException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The per-request floor of a cached decision, on the same realistic tokens as
 * {@link AuthDecisionBenchmark} (RS256, 2048-bit key, consumer claims, about 700 characters):
 * wrapping the bearer header in {@link MyzaruJWT} (shape scan) and computing its SHA-256
 * fingerprint, the key of both the verified-token cache and the SEAL reuse map. Read beside
 * {@code AuthDecisionBenchmark} to see how much of a cached decision these two steps take.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class BearerTokenCostBenchmark {

    private String[] tokens;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws JOSEException {
        tokens = BenchTokens.consumerTokens(new BenchTokens.Issuer(), Instant.now(), AuthDecisionBenchmark.DISTINCT);
    }

    private String nextToken() {
        int i = next;
        next = i + 1 == tokens.length ? 0 : i + 1;
        return tokens[i];
    }

    @Benchmark
    public MyzaruJWT wrapDistinct() {
        return MyzaruJWT.of(nextToken());
    }

    @Benchmark
    public String wrapAndFingerprintDistinct() {
        return MyzaruJWT.of(nextToken()).fingerprint();
    }

    @Benchmark
    public String wrapAndFingerprintSame() {
        return MyzaruJWT.of(tokens[0]).fingerprint();
    }
}
