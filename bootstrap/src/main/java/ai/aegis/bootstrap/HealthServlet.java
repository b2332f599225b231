package ai.aegis.bootstrap;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * {@code /healthz} (the process is alive) and {@code /readyz} (the process can serve: its database
 * answers). Both answer a tiny JSON document that load balancers and people can read.
 */
final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient BooleanSupplier ready;

    HealthServlet(BooleanSupplier ready) {
        this.ready = ready;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean ok = "/readyz".equals(request.getServletPath()) ? ready.getAsBoolean() : true;
        response.setStatus(ok ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(ok ? "{\"status\":\"ok\"}" : "{\"status\":\"unavailable\"}");
    }
}
