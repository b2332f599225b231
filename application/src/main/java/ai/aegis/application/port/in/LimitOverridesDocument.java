package ai.aegis.application.port.in;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.limits.RateLimitKey;
import ai.aegis.domain.limits.RateLimitedResource;
import ai.aegis.domain.limits.RateWindow;
import ai.aegis.domain.limits.ResourceLimits;
import ai.aegis.domain.security.ToolPattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Limit overrides as the JSON-like document operators send and read over MCP and gRPC, so both
 * surfaces accept exactly the same fields. Keys (all optional; an absent key leaves the tier value):
 * {@code agent_executions_per_minute}, {@code agent_executions_per_day}, {@code execution_timeout_seconds},
 * {@code max_iterations}, {@code max_concurrent_executions}, {@code memory_bytes_per_agent},
 * {@code storage_bytes}, {@code volume_count}, {@code max_file_bytes}, {@code storage_ttl_seconds}
 * and {@code audit_retention_seconds} (0 = none), {@code teams_and_orgs}, {@code self_hosted},
 * {@code agent_count}, {@code workflow_count}, and {@code rate_limits}: a list of
 * {@code {resource, tool_pattern?, window, max}}. Counts that may be unlimited take the text
 * {@code "unlimited"}. Unknown keys are refused, so a typo never silently changes nothing.
 */
public final class LimitOverridesDocument {

    private static final Set<String> KEYS = Set.of("agent_executions_per_minute", "agent_executions_per_day",
            "execution_timeout_seconds", "max_iterations", "max_concurrent_executions", "memory_bytes_per_agent",
            "storage_bytes", "volume_count", "max_file_bytes", "storage_ttl_seconds", "audit_retention_seconds",
            "teams_and_orgs", "self_hosted", "agent_count", "workflow_count", "rate_limits");
    private static final String UNLIMITED = "unlimited";

    private LimitOverridesDocument() {
    }

    /** The overrides {@code document} describes; an empty document is {@link LimitOverrides#none()}. */
    public static LimitOverrides parse(Map<String, ?> document) {
        for (String key : document.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidInputException("limits.unknown_field", "unknown limit '" + key + "'; known limits: "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)));
            }
        }
        LimitOverrides o = LimitOverrides.none();
        if (document.containsKey("agent_executions_per_minute")) {
            o = o.withAgentExecutionsPerMinute(intValue(document, "agent_executions_per_minute", 0));
        }
        if (document.containsKey("agent_executions_per_day")) {
            o = o.withAgentExecutionsPerDay(intValue(document, "agent_executions_per_day", 0));
        }
        if (document.containsKey("execution_timeout_seconds")) {
            o = o.withExecutionTimeout(Duration.ofSeconds(longValue(document, "execution_timeout_seconds", 1)));
        }
        if (document.containsKey("max_iterations")) {
            o = o.withMaxIterations(intValue(document, "max_iterations", 1));
        }
        if (document.containsKey("max_concurrent_executions")) {
            o = o.withMaxConcurrentExecutions(count(document, "max_concurrent_executions"));
        }
        if (document.containsKey("memory_bytes_per_agent")) {
            o = o.withMemoryBytesPerAgent(longValue(document, "memory_bytes_per_agent", 1));
        }
        if (document.containsKey("storage_bytes")) {
            o = o.withStorageBytes(longValue(document, "storage_bytes", 0));
        }
        if (document.containsKey("volume_count")) {
            o = o.withVolumeCount(count(document, "volume_count"));
        }
        if (document.containsKey("max_file_bytes")) {
            o = o.withMaxFileBytes(longValue(document, "max_file_bytes", 0));
        }
        if (document.containsKey("storage_ttl_seconds")) {
            o = o.withStorageTtl(Duration.ofSeconds(longValue(document, "storage_ttl_seconds", 0)));
        }
        if (document.containsKey("audit_retention_seconds")) {
            o = o.withAuditRetention(Duration.ofSeconds(longValue(document, "audit_retention_seconds", 0)));
        }
        if (document.containsKey("teams_and_orgs")) {
            o = o.withTeamsAndOrgs(flag(document, "teams_and_orgs"));
        }
        if (document.containsKey("self_hosted")) {
            o = o.withSelfHosted(flag(document, "self_hosted"));
        }
        if (document.containsKey("agent_count")) {
            o = o.withAgentCount(count(document, "agent_count"));
        }
        if (document.containsKey("workflow_count")) {
            o = o.withWorkflowCount(count(document, "workflow_count"));
        }
        if (document.containsKey("rate_limits")) {
            if (!(document.get("rate_limits") instanceof List<?> rates)) {
                throw invalid("rate_limits", "a list of {resource, tool_pattern, window, max}");
            }
            for (Object rate : rates) {
                if (!(rate instanceof Map<?, ?> fields)) {
                    throw invalid("rate_limits", "a list of {resource, tool_pattern, window, max}");
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                fields.forEach((key, value) -> entry.put(String.valueOf(key), value));
                RateLimitedResource resource = RateLimitedResource.parse(text(entry, "resource"));
                Optional<ToolPattern> pattern = entry.get("tool_pattern") == null ? Optional.empty()
                        : Optional.of(ToolPattern.of(text(entry, "tool_pattern")));
                RateLimitKey key = new RateLimitKey(resource, pattern, RateWindow.parse(text(entry, "window")));
                o = o.withRateLimit(key, count(entry, "max"));
            }
        }
        return o;
    }

    /** {@code overrides} as a document {@link #parse} reads back to the same overrides. */
    public static Map<String, Object> describe(LimitOverrides o) {
        Map<String, Object> d = new LinkedHashMap<>();
        o.agentExecutionsPerMinute().ifPresent(v -> d.put("agent_executions_per_minute", v));
        o.agentExecutionsPerDay().ifPresent(v -> d.put("agent_executions_per_day", v));
        o.executionTimeout().ifPresent(v -> d.put("execution_timeout_seconds", v.getSeconds()));
        o.maxIterations().ifPresent(v -> d.put("max_iterations", v));
        o.maxConcurrentExecutions().ifPresent(v -> d.put("max_concurrent_executions", count(v)));
        o.memoryBytesPerAgent().ifPresent(v -> d.put("memory_bytes_per_agent", v));
        o.storageBytes().ifPresent(v -> d.put("storage_bytes", v));
        o.volumeCount().ifPresent(v -> d.put("volume_count", count(v)));
        o.maxFileBytes().ifPresent(v -> d.put("max_file_bytes", v));
        o.storageTtl().ifPresent(v -> d.put("storage_ttl_seconds", v.getSeconds()));
        o.auditRetention().ifPresent(v -> d.put("audit_retention_seconds", v.getSeconds()));
        o.teamsAndOrgs().ifPresent(v -> d.put("teams_and_orgs", v));
        o.selfHosted().ifPresent(v -> d.put("self_hosted", v));
        o.agentCount().ifPresent(v -> d.put("agent_count", count(v)));
        o.workflowCount().ifPresent(v -> d.put("workflow_count", count(v)));
        if (!o.rateLimits().isEmpty()) {
            List<Map<String, Object>> rates = new ArrayList<>();
            o.rateLimits().forEach((key, value) -> {
                Map<String, Object> rate = new LinkedHashMap<>();
                rate.put("resource", key.resource().slug());
                key.toolPattern().ifPresent(pattern -> rate.put("tool_pattern", pattern.value()));
                rate.put("window", key.window().slug());
                rate.put("max", count(value));
                rates.add(rate);
            });
            d.put("rate_limits", rates);
        }
        return d;
    }

    /** The limits that apply, in the same field names (durations absent when the plan has none). */
    public static Map<String, Object> describe(ResourceLimits l) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("agent_executions_per_minute", l.agentExecutionsPerMinute());
        d.put("agent_executions_per_day", l.agentExecutionsPerDay());
        d.put("execution_timeout_seconds", l.executionTimeout().getSeconds());
        d.put("max_iterations", l.maxIterations());
        d.put("max_concurrent_executions", count(l.maxConcurrentExecutions()));
        d.put("memory_bytes_per_agent", l.memoryBytesPerAgent());
        d.put("storage_bytes", l.storageBytes());
        d.put("volume_count", count(l.volumeCount()));
        d.put("max_file_bytes", l.maxFileBytes());
        l.storageTtl().ifPresent(v -> d.put("storage_ttl_seconds", v.getSeconds()));
        l.auditRetention().ifPresent(v -> d.put("audit_retention_seconds", v.getSeconds()));
        d.put("teams_and_orgs", l.teamsAndOrgs());
        d.put("self_hosted", l.selfHosted());
        d.put("agent_count", count(l.agentCount()));
        d.put("workflow_count", count(l.workflowCount()));
        return d;
    }

    private static Object count(CountLimit limit) {
        return limit.isUnlimited() ? UNLIMITED : limit.max().getAsLong();
    }

    private static CountLimit count(Map<String, ?> document, String key) {
        if (UNLIMITED.equals(document.get(key))) {
            return CountLimit.unlimited();
        }
        return CountLimit.of(longValue(document, key, 0));
    }

    private static int intValue(Map<String, ?> document, String key, int min) {
        long value = longValue(document, key, min);
        if (value > Integer.MAX_VALUE) {
            throw invalid(key, "a whole number from " + min + " to " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    private static long longValue(Map<String, ?> document, String key, long min) {
        Object value = document.get(key);
        if (value instanceof Number number) {
            double asDouble = number.doubleValue();
            if (asDouble == Math.rint(asDouble) && asDouble >= min && asDouble <= Long.MAX_VALUE) {
                return number instanceof Double || number instanceof Float ? (long) asDouble : number.longValue();
            }
        }
        throw invalid(key, "a whole number of at least " + min);
    }

    private static boolean flag(Map<String, ?> document, String key) {
        if (document.get(key) instanceof Boolean value) {
            return value;
        }
        throw invalid(key, "true or false");
    }

    private static String text(Map<String, ?> document, String key) {
        if (document.get(key) instanceof String value && !value.isBlank()) {
            return value.trim();
        }
        throw invalid(key, "text");
    }

    private static InvalidInputException invalid(String key, String expected) {
        return new InvalidInputException("limits.invalid_field", "limit '" + key + "' must be " + expected);
    }
}
