package ai.aegis.bootstrap.node;

import ai.aegis.adapters.model.OpenAiCompatibleModelAdapter;
import ai.aegis.adapters.web.HttpWebPageAdapter;
import ai.aegis.adapters.web.SearxngWebSearchAdapter;
import ai.aegis.adapters.web.WebSettings;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.LanguageModelPort;
import ai.aegis.application.port.out.OperationalMetricsPort;
import ai.aegis.application.port.out.WebPagePort;
import ai.aegis.application.port.out.WebSearchPort;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.security.SecurityContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local node, wired from configuration: the language model ({@code AEGIS_MODEL_*}), the
 * bubblewrap sandbox, the iteration loop and the node engine with its execution workspaces under
 * {@code <data directory>/workspaces} and {@code AEGIS_NODE_CAPACITY} jobs at once (default 2), and
 * the web clients ({@code AEGIS_WEB_*}) that sandboxed programs' {@code web.*} tool calls use. It
 * says at start what will not work: a missing {@code bwrap} or an absent model.
 */
public final class LocalNodeModule implements AutoCloseable {

    public static final String CAPACITY = "AEGIS_NODE_CAPACITY";
    public static final int DEFAULT_CAPACITY = 2;

    private static final Logger LOG = LoggerFactory.getLogger(LocalNodeModule.class);

    private final LanguageModelPort model;
    private final Sandbox sandbox;
    private final LocalNode node;
    private final WebPagePort pages;
    private final WebSearchPort search;
    private final ClockPort clock;

    private LocalNodeModule(LanguageModelPort model, Sandbox sandbox, LocalNode node, WebPagePort pages,
            WebSearchPort search, ClockPort clock) {
        this.model = model;
        this.sandbox = sandbox;
        this.node = node;
        this.pages = pages;
        this.search = search;
        this.clock = clock;
    }

    /**
     * @throws InvalidInputException for malformed {@code AEGIS_MODEL_*} or {@code AEGIS_NODE_CAPACITY} values
     */
    public static LocalNodeModule create(Map<String, String> env, Path dataDirectory, ClockPort clock) {
        return create(env, dataDirectory, clock, Optional.empty());
    }

    /** As {@link #create(Map, Path, ClockPort)}, reporting each attempt's outcome and duration to {@code metrics}. */
    public static LocalNodeModule create(Map<String, String> env, Path dataDirectory, ClockPort clock,
            OperationalMetricsPort metrics) {
        return create(env, dataDirectory, clock, Optional.of(metrics));
    }

    private static LocalNodeModule create(Map<String, String> env, Path dataDirectory, ClockPort clock,
            Optional<OperationalMetricsPort> metrics) {
        Objects.requireNonNull(env, "env");
        LanguageModelPort model = OpenAiCompatibleModelAdapter.fromEnvironment(env);
        Sandbox sandbox = new BubblewrapSandbox(BubblewrapSettings.DEFAULTS);
        IterationLoop loop = metrics.isPresent() ? new IterationLoop(sandbox, model, clock, metrics.get())
                : new IterationLoop(sandbox, model, clock);
        LocalNode node = new LocalNode(loop, sandbox,
                dataDirectory.resolve("workspaces"), capacity(env.get(CAPACITY)));
        sandbox.unavailableReason().ifPresent(reason -> LOG.warn("local node: {}", reason));
        if (!model.isConfigured()) {
            LOG.warn("local node: no language model is configured (AEGIS_MODEL_BASE_URL, AEGIS_MODEL_NAME,"
                    + " AEGIS_MODEL_API_KEY); only supplied code runs");
        }
        LOG.info("local node ready: {} executions at once, runtimes {}", node.capacity(),
                node.runtimes().stream().map(AgentRuntime::slug).toList());
        WebSettings web = WebSettings.fromEnvironment(env);
        return new LocalNodeModule(model, sandbox, node, new HttpWebPageAdapter(web),
                SearxngWebSearchAdapter.fromSettings(web), clock);
    }

    private static int capacity(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_CAPACITY;
        }
        try {
            int capacity = Integer.parseInt(value.strip());
            if (capacity >= 1 && capacity <= 1024) {
                return capacity;
            }
        } catch (NumberFormatException e) {
            LOG.debug("{} is not a number", CAPACITY);
        }
        throw new InvalidInputException("node.invalid_capacity", CAPACITY + " must be a whole number from 1 to 1024");
    }

    /** The language model, also for the authoring loops and Execute mode. */
    public LanguageModelPort model() {
        return model;
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    /** The engine the gRPC node client drives. */
    public LocalNode node() {
        return node;
    }

    /** The tools a running job's program may call (after SEAL allowed each call) under {@code context}. */
    ProgramTools programTools(AgentJob job, SecurityContext context) {
        return new ProgramTools(job, context, node, pages, search, clock::now);
    }

    @Override
    public void close() {
        node.close();
    }
}
