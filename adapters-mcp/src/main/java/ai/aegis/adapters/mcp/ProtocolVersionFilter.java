package ai.aegis.adapters.mcp;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Refuses a request whose {@code MCP-Protocol-Version} header names a version this server does
 * not speak (400), as the MCP specification asks; the SDK does not check it. A request without
 * the header is accepted (clients of the 2025-03-26 revision and the initialize request send none).
 */
public final class ProtocolVersionFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The MCP revisions the embedded SDK implements. */
    public static final List<String> SUPPORTED = List.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25");

    private static final Set<String> SUPPORTED_SET = Set.copyOf(SUPPORTED);

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String version = request.getHeader("MCP-Protocol-Version");
        if (version != null && !SUPPORTED_SET.contains(version.trim())) {
            HttpProblem.write(response, HttpServletResponse.SC_BAD_REQUEST, "unsupported_protocol_version",
                    "MCP-Protocol-Version is not supported; supported versions: " + String.join(", ", SUPPORTED));
            return;
        }
        chain.doFilter(request, response);
    }
}
