package ai.aegis.bootstrap.ops;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /metrics}: every meter of {@link Observability} in Prometheus text format. When a
 * scrape token is configured ({@code AEGIS_METRICS_TOKEN}), the scraper must send it as
 * {@code Authorization: Bearer <token>}; otherwise 401, compared in constant time.
 */
public final class MetricsServlet extends HttpServlet {

    /** The setting that, when set, protects {@code /metrics} with a bearer token. */
    public static final String TOKEN_SETTING = "AEGIS_METRICS_TOKEN";

    private static final long serialVersionUID = 1L;

    private final transient Observability observability;
    private final transient Optional<byte[]> token;

    public MetricsServlet(Observability observability, Optional<String> token) {
        this.observability = Objects.requireNonNull(observability, "observability");
        this.token = Objects.requireNonNull(token, "token").filter(value -> !value.isBlank())
                .map(value -> ("Bearer " + value.strip()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (token.isPresent()) {
            String given = request.getHeader("Authorization");
            if (given == null || !MessageDigest.isEqual(token.get(), given.getBytes(StandardCharsets.UTF_8))) {
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                response.setHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
                response.setContentType("application/json");
                response.getWriter().write("{\"error\":\"metrics.token_required\",\"message\":\"/metrics needs the"
                        + " scrape token (AEGIS_METRICS_TOKEN) as a bearer token\"}");
                return;
            }
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(observability.scrape());
    }
}
