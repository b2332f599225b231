package ai.aegis.adapters.identity;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.OutageTolerantJWKSetSource;
import java.net.URL;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trusted identity provider realm: what kind of identities it vouches for, its exact issuer
 * ({@code iss}), the audience this service expects in its tokens, and where its keys come from.
 */
public final class TrustedRealm {

    private static final Logger LOG = LoggerFactory.getLogger(TrustedRealm.class);

    private final RealmKind kind;
    private final String issuer;
    private final String audience;
    private final JWKSource<SecurityContext> keys;

    private TrustedRealm(RealmKind kind, String issuer, String audience, JWKSource<SecurityContext> keys) {
        this.kind = Objects.requireNonNull(kind, "kind");
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("a trusted realm needs an issuer");
        }
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("a trusted realm needs the audience this service expects");
        }
        this.issuer = issuer;
        this.audience = audience;
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * A realm whose keys are fetched from a JWKS URL with caching, refresh-ahead, rate-limited
     * refetch on an unknown {@code kid} and outage tolerance, as {@code settings} say.
     */
    public static TrustedRealm remote(RealmKind kind, String issuer, URL jwksUrl, String audience,
            JwksSettings settings) {
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        Objects.requireNonNull(settings, "settings");
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(
                Math.toIntExact(settings.connectTimeout().toMillis()), Math.toIntExact(settings.readTimeout().toMillis()),
                settings.sizeLimitBytes());
        JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder.<SecurityContext>create(jwksUrl, retriever)
                .cache(settings.cacheTtl().toMillis(), settings.cacheRefreshTimeout().toMillis())
                .refreshAheadCache(settings.refreshAhead().toMillis(), false, event -> {
                    if (event instanceof CachingJWKSetSource.RefreshCompletedEvent<?> done) {
                        LOG.debug("{} keys refreshed from {}: {} key(s)", kind, jwksUrl, done.getJWKSet().size());
                    }
                })
                .rateLimited(settings.rateLimitInterval().toMillis(),
                        event -> LOG.debug("{} key refetch from {} rate-limited", kind, jwksUrl));
        if (settings.outageTolerance().isZero()) {
            builder.outageTolerant(false);
        } else {
            builder.outageTolerant(settings.outageTolerance().toMillis(), event -> {
                if (event instanceof OutageTolerantJWKSetSource.OutageEvent<?> outage) {
                    LOG.warn("{} identity provider keys at {} are unreachable ({}); serving cached keys for at most "
                            + "{} s more", kind, jwksUrl, outage.getException().getClass().getSimpleName(),
                            outage.getRemainingTime() / 1000);
                }
            });
        }
        JWKSource<SecurityContext> source = builder.build();
        return new TrustedRealm(kind, issuer, audience, source);
    }

    /** A realm whose keys are given in-process (the development identity provider, tests). */
    public static TrustedRealm local(RealmKind kind, String issuer, String audience, JWKSource<SecurityContext> keys) {
        return new TrustedRealm(kind, issuer, audience, keys);
    }

    public RealmKind kind() {
        return kind;
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    JWKSource<SecurityContext> keys() {
        return keys;
    }

    @Override
    public String toString() {
        return "TrustedRealm[" + kind + ", issuer=" + issuer + ", audience=" + audience + "]";
    }
}
