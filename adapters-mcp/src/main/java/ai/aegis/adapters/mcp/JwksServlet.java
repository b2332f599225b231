package ai.aegis.adapters.mcp;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Publishes a JSON Web Key Set: the SEAL public keys at {@value #SEAL_PATH} (retired keys
 * included while tokens signed with them may still be valid), and the development identity
 * provider's keys at {@value #DEVELOPMENT_IDP_PATH} when it runs.
 */
public final class JwksServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    public static final String SEAL_PATH = "/.well-known/seal-jwks.json";
    public static final String DEVELOPMENT_IDP_PATH = "/dev-idp/jwks.json";

    private final transient Supplier<String> jwksJson;

    public JwksServlet(Supplier<String> jwksJson) {
        this.jwksJson = Objects.requireNonNull(jwksJson, "jwksJson");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/jwk-set+json");
        response.setCharacterEncoding("UTF-8");
        // Short enough that a rotation reaches verifiers well before the old key is retired.
        response.setHeader("Cache-Control", "public, max-age=60");
        response.getWriter().write(jwksJson.get());
    }
}
