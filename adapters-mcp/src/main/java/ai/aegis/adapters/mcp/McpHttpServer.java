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
import org.eclipse.jetty.server.handler.GracefulHandler;
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
        // Tracks in-flight requests so that a stop lets them finish (up to the stop timeout) after the
        // connectors stop accepting.
        GracefulHandler graceful = new GracefulHandler();
        graceful.setHandler(context);
        server.setHandler(graceful);
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(DEFAULT_STOP_TIMEOUT.toMillis());
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

    /** How long {@link #close()} lets in-flight requests finish unless told otherwise. */
    public static final java.time.Duration DEFAULT_STOP_TIMEOUT = java.time.Duration.ofSeconds(5);

    /** From now on, {@link #close()} lets in-flight requests finish for up to {@code grace}. */
    public McpHttpServer shutdownGrace(java.time.Duration grace) {
        server.setStopTimeout(Math.max(0, grace.toMillis()));
        return this;
    }

    /** Stops accepting new connections; requests already running go on (see {@link #close()}). */
    public void stopAccepting() {
        connector.shutdown();
    }

    /** Stops accepting, lets in-flight requests finish for up to the shutdown grace (five seconds by default). */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("HTTP server did not stop cleanly", e);
        }
    }
}
