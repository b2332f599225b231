package ai.aegis.application.port.out;

import java.time.Duration;

/**
 * What the service's edges and its local node report for operators' dashboards (served as
 * Prometheus text at {@code /metrics}). Every label is from a bounded set: a surface
 * ({@code mcp}, {@code grpc}, {@code http}, {@code node}), an operation from a fixed catalogue (a
 * tool or RPC name), an outcome or a stable reason code. Never a tenant, user, token or execution
 * id. Implementations are cheap and never throw into the caller.
 */
public interface OperationalMetricsPort {

    /** One request of {@code surface} ended: {@code outcome} is {@code ok} or the error kind or status. */
    void requestEnded(String surface, String operation, String outcome, Duration took);

    /** A caller was refused before any work, for {@code reason} (a stable code such as {@code token.expired}). */
    void authenticationRefused(String surface, String reason);

    /** A call was refused by the limit named {@code limit} (a stable code such as {@code limit.rate.tool_call}). */
    void limitRefused(String surface, String limit);

    /** One iteration (attempt) of an agent ended with {@code outcome} after {@code took}. */
    void iterationEnded(String outcome, Duration took);
}
