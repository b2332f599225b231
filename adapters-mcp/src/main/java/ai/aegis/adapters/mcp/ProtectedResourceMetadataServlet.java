package ai.aegis.adapters.mcp;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /.well-known/oauth-protected-resource} (RFC 9728): tells an MCP client which
 * authorization servers issue tokens for this resource (the {@code zaru-consumer} and
 * {@code aegis-system} realms) and how to present them.
 */
public final class ProtectedResourceMetadataServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    public static final String PATH = "/.well-known/oauth-protected-resource";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final transient Function<HttpServletRequest, String> resourceUrl;
    private final List<String> authorizationServers;

    /**
     * @param resourceUrl          the MCP endpoint URL as the client reaches it
     * @param authorizationServers issuer URLs of the trusted realms
     */
    public ProtectedResourceMetadataServlet(Function<HttpServletRequest, String> resourceUrl,
                                            List<String> authorizationServers) {
        this.resourceUrl = resourceUrl;
        this.authorizationServers = List.copyOf(authorizationServers);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("resource", resourceUrl.apply(request));
        document.put("authorization_servers", authorizationServers);
        document.put("bearer_methods_supported", List.of("header"));
        document.put("resource_name", "AEGIS orchestrator (Zaru integration)");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "public, max-age=300");
        response.getWriter().write(JSON.writeValueAsString(document));
    }
}
