package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.AuthenticateCallerCommand;
import ai.aegis.application.port.in.AuthenticateCallerUseCase;
import ai.aegis.application.port.in.AuthenticatedCaller;
import ai.aegis.application.port.in.RecordRefusalCommand;
import ai.aegis.application.port.in.RecordRefusalUseCase;
import ai.aegis.application.port.out.OperationalMetricsPort;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.identity.MyzaruJWT;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The ZaruAuthMiddleware at the HTTP edge: every MCP request must carry {@code Authorization:
 * Bearer <jwt>}; the token is verified, the optional {@code X-Zaru-User-ID} / {@code X-Zaru-Tier}
 * headers are checked against it, and the verified caller is attached to the request for the MCP
 * handlers. Refusals are 401 with a {@code WWW-Authenticate} challenge naming the protected-resource
 * metadata, or 403 for a header that disagrees with the token. The token never appears in a
 * response or a log line.
 */
public final class ZaruAuthFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ZaruAuthFilter.class);

    /** Request attribute holding the {@link AuthenticatedCaller} of a request that passed. */
    public static final String CALLER_ATTRIBUTE = AuthenticatedCaller.class.getName();

    private final transient AuthenticateCallerUseCase authenticate;
    private final transient RecordRefusalUseCase refusals;
    private final transient McpSessionBindings sessions = new McpSessionBindings();
    private final transient Function<HttpServletRequest, String> resourceMetadataUrl;
    private final transient Optional<OperationalMetricsPort> metrics;

    /**
     * @param resourceMetadataUrl the URL of {@code /.well-known/oauth-protected-resource} as the
     *     client reaches it, for the challenge
     */
    public ZaruAuthFilter(AuthenticateCallerUseCase authenticate, RecordRefusalUseCase refusals,
                          Function<HttpServletRequest, String> resourceMetadataUrl) {
        this(authenticate, refusals, resourceMetadataUrl, Optional.empty());
    }

    /** A filter that also reports each refusal's reason code to {@code metrics}. */
    public ZaruAuthFilter(AuthenticateCallerUseCase authenticate, RecordRefusalUseCase refusals,
                          Function<HttpServletRequest, String> resourceMetadataUrl, OperationalMetricsPort metrics) {
        this(authenticate, refusals, resourceMetadataUrl, Optional.of(metrics));
    }

    private ZaruAuthFilter(AuthenticateCallerUseCase authenticate, RecordRefusalUseCase refusals,
                           Function<HttpServletRequest, String> resourceMetadataUrl,
                           Optional<OperationalMetricsPort> metrics) {
        this.authenticate = Objects.requireNonNull(authenticate, "authenticate");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
        this.resourceMetadataUrl = Objects.requireNonNull(resourceMetadataUrl, "resourceMetadataUrl");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            response.setHeader("WWW-Authenticate",
                    "Bearer resource_metadata=\"" + resourceMetadataUrl.apply(request) + "\"");
            metrics.ifPresent(observer -> observer.authenticationRefused("mcp", "token.missing"));
            HttpProblem.write(response, HttpServletResponse.SC_UNAUTHORIZED, "token.missing",
                    "an Authorization: Bearer token is required");
            return;
        }
        AuthenticatedCaller caller;
        try {
            MyzaruJWT token = MyzaruJWT.of(authorization.substring(7).trim());
            caller = authenticate.authenticate(new AuthenticateCallerCommand(token,
                    request.getHeader("X-Zaru-User-ID"), request.getHeader("X-Zaru-Tier")));
        } catch (DomainException refusal) {
            refuse(request, response, refusal);
            return;
        }
        String sessionId = sessionId(request);
        if (sessionId != null && !sessions.admit(sessionId, caller.identity())) {
            LOG.info("refused {} {}: 403 mcp.session_not_yours", request.getMethod(), request.getRequestURI());
            refusals.record(new RecordRefusalCommand(caller.identity(), "mcp.request", "mcp.session_not_yours"));
            HttpProblem.write(response, HttpServletResponse.SC_FORBIDDEN, "mcp.session_not_yours",
                    "this MCP session belongs to another identity; open your own session");
            return;
        }
        request.setAttribute(CALLER_ATTRIBUTE, caller);
        chain.doFilter(request, response);
    }

    /** The session a request names: the Streamable HTTP header, or the legacy SSE message query. */
    private static String sessionId(HttpServletRequest request) {
        String header = request.getHeader("Mcp-Session-Id");
        return header != null ? header : request.getParameter("sessionId");
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, DomainException refusal)
            throws IOException {
        int status = HttpStatusMapping.status(refusal.kind());
        // The reason code only: never the token, the claims or the message built from them.
        LOG.info("refused {} {}: {} {}", request.getMethod(), request.getRequestURI(), status, refusal.code());
        metrics.ifPresent(observer -> observer.authenticationRefused("mcp", refusal.code()));
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\""
                    + refusal.code() + "\", resource_metadata=\"" + resourceMetadataUrl.apply(request) + "\"");
        }
        HttpProblem.write(response, status, refusal.code(), refusal.getMessage());
    }
}
