package ai.aegis.adapters.web;

import ai.aegis.domain.error.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the web tools reach the outside: the SearXNG JSON endpoint for {@code web.search} (absent:
 * search is not configured and says so), the most body bytes one {@code web.fetch} reads, the time
 * a whole fetch (every redirect included) or search may take, and the time one connection may take
 * to open (never more than the whole).
 */
public record WebSettings(Optional<URI> searchUrl, long fetchMaxBytes, Duration timeout, Duration connectTimeout) {

    public static final String SEARCH_URL = "AEGIS_WEB_SEARCH_URL";
    public static final String FETCH_MAX_BYTES = "AEGIS_WEB_FETCH_MAX_BYTES";
    public static final String FETCH_TIMEOUT_SECONDS = "AEGIS_WEB_FETCH_TIMEOUT_SECONDS";

    public static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024;
    public static final long MIN_MAX_BYTES = 1_024;
    public static final long MAX_MAX_BYTES = 64L * 1024 * 1024;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(300);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public WebSettings {
        Objects.requireNonNull(searchUrl, "searchUrl");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        searchUrl.ifPresent(WebSettings::requireSearchUrl);
        if (fetchMaxBytes < MIN_MAX_BYTES || fetchMaxBytes > MAX_MAX_BYTES) {
            throw new InvalidInputException("web.invalid_max_bytes", FETCH_MAX_BYTES + " must be from " + MIN_MAX_BYTES
                    + " to " + MAX_MAX_BYTES + " bytes");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new InvalidInputException("web.invalid_timeout", FETCH_TIMEOUT_SECONDS + " must be from 1 to "
                    + MAX_TIMEOUT.toSeconds() + " seconds");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new InvalidInputException("web.invalid_timeout", "the connect timeout must be positive");
        }
        if (connectTimeout.compareTo(timeout) > 0) {
            connectTimeout = timeout;
        }
    }

    /** No search provider, 2 MiB, 20 s per fetch, 10 s per connection. */
    public static WebSettings defaults() {
        return new WebSettings(Optional.empty(), DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT);
    }

    /** These settings with {@code url} as the SearXNG endpoint. */
    public WebSettings withSearchUrl(URI url) {
        return new WebSettings(Optional.of(url), fetchMaxBytes, timeout, connectTimeout);
    }

    /** These settings with another body-size limit. */
    public WebSettings withFetchMaxBytes(long bytes) {
        return new WebSettings(searchUrl, bytes, timeout, connectTimeout);
    }

    /** These settings with another total time limit (the connect limit stays within it). */
    public WebSettings withTimeout(Duration total) {
        return new WebSettings(searchUrl, fetchMaxBytes, total, connectTimeout);
    }

    /**
     * The settings given by {@code AEGIS_WEB_SEARCH_URL} (optional), {@code AEGIS_WEB_FETCH_MAX_BYTES}
     * and {@code AEGIS_WEB_FETCH_TIMEOUT_SECONDS} (optional, defaults 2 MiB and 20 s).
     *
     * @throws InvalidInputException a {@code web.invalid_*} code naming the setting for a malformed value
     */
    public static WebSettings fromEnvironment(Map<String, String> env) {
        WebSettings settings = defaults();
        String url = blankToNull(env.get(SEARCH_URL));
        if (url != null) {
            try {
                settings = settings.withSearchUrl(new URI(url));
            } catch (URISyntaxException e) {
                throw new InvalidInputException("web.invalid_search_url",
                        SEARCH_URL + " is not a valid URL; use a form such as https://searx.example/search");
            }
        }
        String bytes = blankToNull(env.get(FETCH_MAX_BYTES));
        if (bytes != null) {
            try {
                settings = settings.withFetchMaxBytes(Long.parseLong(bytes));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("web.invalid_max_bytes",
                        FETCH_MAX_BYTES + " must be a whole number of bytes, e.g. 2097152");
            }
        }
        String seconds = blankToNull(env.get(FETCH_TIMEOUT_SECONDS));
        if (seconds != null) {
            try {
                settings = settings.withTimeout(Duration.ofSeconds(Long.parseLong(seconds)));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("web.invalid_timeout",
                        FETCH_TIMEOUT_SECONDS + " must be a whole number of seconds, e.g. 20");
            }
        }
        return settings;
    }

    private static void requireSearchUrl(URI url) {
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new InvalidInputException("web.invalid_search_url",
                    SEARCH_URL + " must be an http or https URL such as https://searx.example/search");
        }
        if (url.getRawUserInfo() != null || url.getRawFragment() != null) {
            throw new InvalidInputException("web.invalid_search_url",
                    SEARCH_URL + " must not carry credentials or a fragment");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
