package ai.aegis.adapters.identity;

import java.time.Duration;
import java.util.Objects;

/**
 * How a remote JWKS endpoint is fetched and cached (nimbus {@code JWKSourceBuilder}): keys are
 * cached for {@code cacheTtl} and refreshed {@code refreshAhead} before they go stale; an unknown
 * {@code kid} triggers a refetch, at most one per {@code rateLimitInterval}; while the endpoint is
 * down, the last keys keep serving for {@code outageTolerance} ({@code 0} switches that off).
 */
public record JwksSettings(Duration cacheTtl, Duration cacheRefreshTimeout, Duration refreshAhead,
        Duration rateLimitInterval, Duration outageTolerance, Duration connectTimeout, Duration readTimeout,
        int sizeLimitBytes) {

    /** Nimbus's defaults, with outage tolerance switched on for an hour. */
    public static final JwksSettings DEFAULTS = new JwksSettings(Duration.ofMinutes(5), Duration.ofSeconds(15),
            Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofMillis(500),
            Duration.ofMillis(500), 51_200);

    public JwksSettings {
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        Objects.requireNonNull(cacheRefreshTimeout, "cacheRefreshTimeout");
        Objects.requireNonNull(refreshAhead, "refreshAhead");
        Objects.requireNonNull(rateLimitInterval, "rateLimitInterval");
        Objects.requireNonNull(outageTolerance, "outageTolerance");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (refreshAhead.plus(cacheRefreshTimeout).compareTo(cacheTtl) >= 0) {
            throw new IllegalArgumentException("refreshAhead + cacheRefreshTimeout must be shorter than cacheTtl");
        }
        if (rateLimitInterval.compareTo(cacheTtl) >= 0) {
            throw new IllegalArgumentException("rateLimitInterval must be shorter than cacheTtl");
        }
        if (sizeLimitBytes < 1024) {
            throw new IllegalArgumentException("the JWKS size limit must be at least 1 KiB");
        }
    }
}
