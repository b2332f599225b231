package ai.aegis.bootstrap.ops;

import ai.aegis.application.port.out.OperationalMetricsPort;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * In front of every HTTP request: a correlation id ({@code X-Request-ID} when the caller sent a
 * sane one, else a new one), echoed in the response and put in the logging context
 * ({@code request_id}) for the request's duration, and one {@code http} request metric by path
 * family and status class.
 */
public final class RequestContextFilter extends HttpFilter {

    /** The logging-context key of the correlation id. */
    public static final String REQUEST_ID = "request_id";

    private static final long serialVersionUID = 1L;
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final transient OperationalMetricsPort metrics;

    public RequestContextFilter(OperationalMetricsPort metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String given = request.getHeader("X-Request-ID");
        String id = given != null && SANE_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        response.setHeader("X-Request-ID", id);
        long started = System.nanoTime();
        MDC.put(REQUEST_ID, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(REQUEST_ID);
            metrics.requestEnded("http", family(request.getRequestURI()), response.getStatus() / 100 + "xx",
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** A bounded name for the path: the service's own paths, everything else as {@code other}. */
    static String family(String path) {
        if (path == null) {
            return "other";
        }
        if (path.startsWith("/mcp/")) {
            return path.startsWith("/mcp/v1/sse") ? "/mcp/v1/sse" : "/mcp/v1";
        }
        switch (path) {
            case "/healthz":
            case "/readyz":
            case "/metrics":
                return path;
            default:
                return path.startsWith("/.well-known/") || path.startsWith("/dev-idp/") ? "metadata" : "other";
        }
    }
}
