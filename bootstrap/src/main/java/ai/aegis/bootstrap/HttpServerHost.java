package ai.aegis.bootstrap;

import jakarta.servlet.http.HttpServlet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP endpoint of the service on embedded Jetty 12: health, and whatever servlets the
 * adapters contribute (the MCP transports). Every servlet is async-supported because the MCP SDK
 * transports need it.
 */
final class HttpServerHost implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    private HttpServerHost(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    static HttpServerHost start(String host, int port, Map<String, HttpServlet> servlets) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("aegis-http");
        Server server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        for (Map.Entry<String, HttpServlet> entry : servlets.entrySet()) {
            ServletHolder holder = new ServletHolder(entry.getValue());
            holder.setAsyncSupported(true);
            context.addServlet(holder, entry.getKey());
        }
        server.setHandler(context);
        server.setStopTimeout(5_000);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // The start failure below is what the operator needs to see.
            }
            throw new StartupException("cannot start HTTP on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new HttpServerHost(server, connector);
    }

    int port() {
        return connector.getLocalPort();
    }

    /** Stops accepting, lets in-flight requests finish for up to five seconds. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("HTTP server did not stop cleanly", e);
        }
    }
}
