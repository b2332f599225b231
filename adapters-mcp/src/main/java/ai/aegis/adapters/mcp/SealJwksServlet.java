package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.GetSealPublicKeysQuery;
import ai.aegis.application.port.in.GetSealPublicKeysUseCase;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * {@code GET /.well-known/seal-jwks.json}: the public keys that verify SEAL security tokens,
 * retired keys included while tokens signed with them may still be valid.
 */
public final class SealJwksServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    public static final String PATH = "/.well-known/seal-jwks.json";

    private final transient GetSealPublicKeysUseCase publicKeys;

    public SealJwksServlet(GetSealPublicKeysUseCase publicKeys) {
        this.publicKeys = Objects.requireNonNull(publicKeys, "publicKeys");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/jwk-set+json");
        response.setCharacterEncoding("UTF-8");
        // Short enough that a rotation reaches verifiers well before the old key is retired.
        response.setHeader("Cache-Control", "public, max-age=60");
        response.getWriter().write(publicKeys.get(new GetSealPublicKeysQuery()).jwksJson());
    }
}
