package ai.aegis.bootstrap.ops;

import ai.aegis.application.port.out.OperationalMetricsPort;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The service's metrics, in one Prometheus registry served at {@code /metrics}: requests by surface,
 * operation and outcome, authentication refusals by reason, limit refusals by limit, iteration
 * latency, active executions by plan, the database pool and the JVM.
 *
 * <p>Names (Prometheus form): {@code aegis_requests_seconds{surface,operation,outcome}} (count, sum,
 * max), {@code aegis_auth_refusals_total{surface,reason}}, {@code aegis_limit_refusals_total{surface,limit}},
 * {@code aegis_iteration_seconds{outcome}} (with histogram buckets),
 * {@code aegis_executions_active{plan}}, {@code hikaricp_connections_*}, {@code jvm_*}, {@code process_*}.
 * Every label value comes from a bounded set (see {@link OperationalMetricsPort}).
 */
public final class Observability implements OperationalMetricsPort, AutoCloseable {

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;
    private final Map<String, Timer> requests = new ConcurrentHashMap<>();

    private Observability(PrometheusMeterRegistry registry, JvmGcMetrics gc) {
        this.registry = registry;
        this.gc = gc;
    }

    /** A registry with the JVM, process and system meters bound. */
    public static Observability create() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        return new Observability(registry, gc);
    }

    /** The registry, for libraries that report into Micrometer themselves (the database pool). */
    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter in Prometheus text format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    /** Adds {@code aegis_executions_active{plan}} gauges, read from {@code counts} (which may cache). */
    public void activeExecutions(Iterable<String> plans, Supplier<Map<String, Long>> counts) {
        for (String plan : plans) {
            Gauge.builder("aegis.executions.active", counts, supplier -> supplier.get().getOrDefault(plan, 0L))
                    .description("Pending and running executions, by the owning tenant's plan")
                    .tag("plan", plan)
                    .register(registry);
        }
    }

    @Override
    public void requestEnded(String surface, String operation, String outcome, Duration took) {
        requests.computeIfAbsent(surface + '\n' + operation + '\n' + outcome, key -> Timer.builder("aegis.requests")
                        .description("Requests by surface, operation (tool or RPC) and outcome")
                        .tags("surface", surface, "operation", operation, "outcome", outcome)
                        .register(registry))
                .record(took);
    }

    @Override
    public void authenticationRefused(String surface, String reason) {
        Counter.builder("aegis.auth.refusals").description("Callers refused before any work, by reason")
                .tags("surface", surface, "reason", reason).register(registry).increment();
    }

    @Override
    public void limitRefused(String surface, String limit) {
        Counter.builder("aegis.limit.refusals").description("Calls refused by a tier limit, by limit")
                .tags("surface", surface, "limit", limit).register(registry).increment();
    }

    @Override
    public void iterationEnded(String outcome, Duration took) {
        Timer.builder("aegis.iteration").description("Agent iterations (attempts), by outcome")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry)
                .record(took);
    }

    /** Stops the collectors that run their own threads. */
    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
