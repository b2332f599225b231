package ai.aegis.bootstrap;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code aegis serve}: runs the service until Ctrl-C or SIGTERM, then shuts down every component
 * cleanly, PostgreSQL last. Prints one line containing {@code ready} with the real ports once it
 * can serve.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the service: MCP over HTTP, gRPC, and PostgreSQL (embedded unless AEGIS_DATABASE_URL is set).")
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", defaultValue = "${AEGIS_HOST:-127.0.0.1}",
            description = "Address to listen on (env AEGIS_HOST, default ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--http-port", defaultValue = "${AEGIS_HTTP_PORT:-8080}",
            description = "HTTP port for MCP and health; 0 picks a free port (env AEGIS_HTTP_PORT, default ${DEFAULT-VALUE}).")
    private int httpPort;

    @Option(names = "--grpc-port", defaultValue = "${AEGIS_GRPC_PORT:-9090}",
            description = "gRPC port for nodes and operators; 0 picks a free port (env AEGIS_GRPC_PORT, default ${DEFAULT-VALUE}).")
    private int grpcPort;

    @Option(names = "--data-dir", defaultValue = "${AEGIS_DATA_DIR:-.aegis}",
            description = "Local state: embedded database, development keys (env AEGIS_DATA_DIR, default ${DEFAULT-VALUE}).")
    private Path dataDirectory;

    @Option(names = "--local-node", negatable = true, defaultValue = "${AEGIS_LOCAL_NODE:-true}", fallbackValue = "true",
            description = "Run a local node in this process that executes agent code in a bubblewrap sandbox "
                    + "(env AEGIS_LOCAL_NODE, default ${DEFAULT-VALUE}); --no-local-node leaves work to remote nodes.")
    private boolean localNode;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file of AEGIS_* settings (env AEGIS_CONFIG_FILE); flags and the environment win "
                    + "over it, and an unknown key in it is refused.")
    private Path configFile;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Map<String, String> env = AegisMain.settingsOf(spec);
        String origins = env.get("AEGIS_ALLOWED_ORIGINS");
        ServerSettings settings = new ServerSettings(host, httpPort, grpcPort, dataDirectory,
                env.get("AEGIS_DATABASE_URL"), env.get("AEGIS_DATABASE_USER"),
                env.get("AEGIS_DATABASE_PASSWORD"), env.get("AEGIS_PUBLIC_URL"),
                origins == null || origins.isBlank() ? List.of()
                        : Arrays.stream(origins.split(",")).map(String::trim).filter(o -> !o.isEmpty()).toList(),
                localNode);
        AegisServer server = AegisServer.start(settings, IdentitySettings.fromEnvironment(env), env);
        Thread hook = new Thread(() -> {
            LOG.info("shutting down");
            server.close();
            stopped.countDown();
        }, "aegis-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        PrintWriter out = spec.commandLine().getOut();
        out.printf("aegis %s ready: http=http://%s:%d mcp=http://%s:%d/mcp/v1 grpc=%s:%d database=%s identity=%s%n",
                AegisVersion.current(), host, server.httpPort(), host, server.httpPort(), host, server.grpcPort(),
                server.databaseDescription(), server.developmentIdentity() ? "development" : "configured");
        out.flush();
        stopped.await();
        return 0;
    }
}
