package ai.aegis.adapters.mcp;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON body of every refusal the HTTP layer writes itself: a stable {@code error} code and a
 * message for people. Never a stack trace, never a credential.
 */
final class HttpProblem {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpProblem() {
    }

    static void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(JSON.writeValueAsString(Map.of("error", code, "message", message)));
    }
}
