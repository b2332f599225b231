package ai.aegis.adapters.mcp;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP endpoint of the service on embedded Jetty 12: the MCP transports and whatever other
 * servlets are mounted (health, well-known documents). Every servlet and filter is async-supported
 * because the MCP SDK transports need it; error pages never carry stack traces or exception text.
 */
public final class McpHttpServer implements AutoCloseable {

    /** A servlet and the path spec it answers. */
    public record ServletMount(String pathSpec, HttpServlet servlet) {
        public ServletMount {
            Objects.requireNonNull(pathSpec, "pathSpec");
            Objects.requireNonNull(servlet, "servlet");
        }
    }

    /** A filter and the path spec it guards; filters run in the order given. */
    public record FilterMount(String pathSpec, Filter filter) {
        public FilterMount {
            Objects.requireNonNull(pathSpec, "pathSpec");
            Objects.requireNonNull(filter, "filter");
        }
    }

    private final Server server;
    private final ServerConnector connector;

    private McpHttpServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Binds and starts the server; port 0 picks a free port.
     *
     * @throws UncheckedIOException naming the address when it cannot be bound
     */
    public static McpHttpServer start(String host, int port, List<FilterMount> filters, List<ServletMount> servlets) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("aegis-http");
        Server server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost(host);
        connector.setPort(port);
        connector.setAcceptedTcpNoDelay(true);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setErrorHandler(new JsonErrorHandler());
        for (FilterMount mount : filters) {
            FilterHolder holder = new FilterHolder(mount.filter());
            holder.setAsyncSupported(true);
            context.addFilter(holder, mount.pathSpec(), EnumSet.of(DispatcherType.REQUEST));
        }
        for (ServletMount mount : servlets) {
            ServletHolder holder = new ServletHolder(mount.servlet());
            holder.setAsyncSupported(true);
            context.addServlet(holder, mount.pathSpec());
        }
        server.setHandler(context);
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(5_000);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new UncheckedIOException(new java.io.IOException(
                    "cannot start HTTP on " + host + ":" + port + ": " + e.getMessage(), e));
        }
        return new McpHttpServer(server, connector);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // The start failure is what the operator needs to see; a failed stop adds nothing.
        }
    }

    /** The bound port (the real one when started with port 0). */
    public int port() {
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
