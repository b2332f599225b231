package ai.aegis.adapters.mcp;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Refuses browser requests from origins not on the allow-list (403), which stops a web page on
 * another site from driving a user's MCP session (DNS rebinding, CSRF). Requests without an
 * {@code Origin} header come from non-browser clients such as zaru-client and pass.
 */
public final class OriginFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private final Set<String> allowedOrigins;

    /** @param allowedOrigins exact origins such as {@code https://myzaru.com}; compared case-insensitively */
    public OriginFilter(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins.stream()
                .map(origin -> origin.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if (origin != null && !allowedOrigins.contains(origin.toLowerCase(Locale.ROOT))) {
            HttpProblem.write(response, HttpServletResponse.SC_FORBIDDEN, "origin_not_allowed",
                    "requests from this origin are not allowed");
            return;
        }
        chain.doFilter(request, response);
    }
}
