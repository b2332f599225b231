package ai.aegis.bench;

import ai.aegis.domain.identity.MyzaruJWT;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The cost of wrapping a bearer token and computing its cache key, paid on every request. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenFingerprintBenchmark {

    private final String token = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImsxIn0."
            + "eyJzdWIiOiJhbGljZSIsInphcnVfdGllciI6IlBybyIsInRlbmFudF9pZCI6InUtN2QwYjZhNTMtM2Y1ZS00YzJhLTlmNTUtMmExYzNiOWQ4ZTAxIn0."
            + "c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmUtc2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU";

    @Benchmark
    public String wrapAndFingerprint() {
        return MyzaruJWT.of(token).fingerprint();
    }
}
