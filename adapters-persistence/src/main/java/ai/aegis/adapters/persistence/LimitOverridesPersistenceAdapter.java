package ai.aegis.adapters.persistence;

import ai.aegis.application.port.out.LimitOverridesPort;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.limits.RateLimitKey;
import ai.aegis.domain.limits.RateLimitedResource;
import ai.aegis.domain.limits.RateWindow;
import ai.aegis.domain.security.ToolPattern;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * Limit overrides in PostgreSQL ({@code limit_override}): one row for a tenant as a whole
 * ({@code subject IS NULL}) and one per user of a tenant. Every statement runs in
 * {@link TenantTransactions#inTenant} and names the tenant in its {@code WHERE} clause. A missing
 * row, like a row with every column NULL, reads as {@link LimitOverrides#none()}.
 *
 * <p>Rate limits beyond agent executions per minute and per day are rows of
 * {@code limit_rate_override} (one per resource, tool pattern and window), read and replaced in the
 * same transaction as the row above.
 *
 * <p>{@link #setTenant} and {@link #setUser} configure overrides (for
 * operator administration and start-up configuration); each replaces what was there as a whole.
 * Durations are stored as exact decimal seconds; a count limit as a number or an explicit
 * "unlimited" flag.
 */
public final class LimitOverridesPersistenceAdapter implements LimitOverridesPort {

    private static final String COLUMNS = """
            agent_executions_per_minute, agent_executions_per_day, execution_timeout_s, max_iterations,
            max_concurrent_executions, max_concurrent_unlimited, memory_bytes_per_agent, storage_bytes,
            volume_count, volume_count_unlimited, max_file_bytes, storage_ttl_s, audit_retention_s, teams_and_orgs,
            self_hosted, agent_count, agent_count_unlimited, workflow_count, workflow_count_unlimited""";
    private static final String VALUES = """
            :perMinute, :perDay, :timeout, :maxIterations, :maxConcurrent, :maxConcurrentUnlimited, :memory,
            :storage, :volumes, :volumesUnlimited, :maxFileBytes, :storageTtl, :auditRetention, :teams, :selfHosted,
            :agents, :agentsUnlimited, :workflows, :workflowsUnlimited""";
    private static final String REPLACE_ALL = """
            agent_executions_per_minute = EXCLUDED.agent_executions_per_minute,
            agent_executions_per_day = EXCLUDED.agent_executions_per_day,
            execution_timeout_s = EXCLUDED.execution_timeout_s,
            max_iterations = EXCLUDED.max_iterations,
            max_concurrent_executions = EXCLUDED.max_concurrent_executions,
            max_concurrent_unlimited = EXCLUDED.max_concurrent_unlimited,
            memory_bytes_per_agent = EXCLUDED.memory_bytes_per_agent,
            storage_bytes = EXCLUDED.storage_bytes,
            volume_count = EXCLUDED.volume_count,
            volume_count_unlimited = EXCLUDED.volume_count_unlimited,
            max_file_bytes = EXCLUDED.max_file_bytes,
            storage_ttl_s = EXCLUDED.storage_ttl_s,
            audit_retention_s = EXCLUDED.audit_retention_s,
            teams_and_orgs = EXCLUDED.teams_and_orgs,
            self_hosted = EXCLUDED.self_hosted,
            agent_count = EXCLUDED.agent_count,
            agent_count_unlimited = EXCLUDED.agent_count_unlimited,
            workflow_count = EXCLUDED.workflow_count,
            workflow_count_unlimited = EXCLUDED.workflow_count_unlimited""";

    private static final String RATE_COLUMNS = "resource, tool_pattern, rate_window, max_count, unlimited";

    private final TenantTransactions transactions;

    public LimitOverridesPersistenceAdapter(Jdbi jdbi) {
        this.transactions = new TenantTransactions(Objects.requireNonNull(jdbi, "jdbi"));
    }

    @Override
    public LimitOverrides forTenant(TenantId tenantId) {
        Objects.requireNonNull(tenantId, "tenantId");
        return transactions.inTenant(tenantId, handle -> withRates(handle.createQuery(
                        "SELECT " + COLUMNS + " FROM limit_override WHERE tenant_id = :tenant AND subject IS NULL")
                .bind("tenant", tenantId.value())
                .map((rs, ctx) -> read(rs))
                .findOne()
                .orElse(LimitOverrides.none()), handle.createQuery(
                        "SELECT " + RATE_COLUMNS + " FROM limit_rate_override WHERE tenant_id = :tenant AND subject IS NULL")
                .bind("tenant", tenantId.value())));
    }

    @Override
    public LimitOverrides forUser(TenantId tenantId, String subject) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(subject, "subject");
        return transactions.inTenant(tenantId, handle -> withRates(handle.createQuery(
                        "SELECT " + COLUMNS + " FROM limit_override WHERE tenant_id = :tenant AND subject = :subject")
                .bind("tenant", tenantId.value())
                .bind("subject", subject)
                .map((rs, ctx) -> read(rs))
                .findOne()
                .orElse(LimitOverrides.none()), handle.createQuery(
                        "SELECT " + RATE_COLUMNS + " FROM limit_rate_override WHERE tenant_id = :tenant AND subject = :subject")
                .bind("tenant", tenantId.value())
                .bind("subject", subject)));
    }

    /**
     * Replaces the overrides of the whole tenant, rate limits included; {@link LimitOverrides#none()}
     * clears them. Takes effect on the next read: nothing caches them.
     */
    @Override
    public void setTenant(TenantId tenantId, LimitOverrides overrides) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(overrides, "overrides");
        transactions.inTenant(tenantId, handle -> {
            bindAll(handle.createUpdate(
                            "INSERT INTO limit_override (tenant_id, subject, " + COLUMNS + ") VALUES (:tenant, NULL, " + VALUES
                                    + ") ON CONFLICT (tenant_id) WHERE subject IS NULL DO UPDATE SET " + REPLACE_ALL
                                    + " WHERE limit_override.tenant_id = :tenant"), overrides)
                    .bind("tenant", tenantId.value())
                    .execute();
            handle.createUpdate("DELETE FROM limit_rate_override WHERE tenant_id = :tenant AND subject IS NULL")
                    .bind("tenant", tenantId.value())
                    .execute();
            insertRates(handle, tenantId, null, overrides);
            return null;
        });
    }

    /**
     * Replaces the overrides of one user of the tenant, rate limits included;
     * {@link LimitOverrides#none()} clears them. Takes effect on the next read.
     *
     * @throws InvalidInputException code {@code limits.subject_invalid} when the subject is empty
     */
    @Override
    public void setUser(TenantId tenantId, String subject, LimitOverrides overrides) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(overrides, "overrides");
        if (subject == null || subject.isEmpty()) {
            throw new InvalidInputException("limits.subject_invalid", "a user's limit overrides name the user's subject");
        }
        transactions.inTenant(tenantId, handle -> {
            bindAll(handle.createUpdate(
                            "INSERT INTO limit_override (tenant_id, subject, " + COLUMNS + ") VALUES (:tenant, :subject, "
                                    + VALUES + ") ON CONFLICT (tenant_id, subject) WHERE subject IS NOT NULL DO UPDATE SET "
                                    + REPLACE_ALL + " WHERE limit_override.tenant_id = :tenant"), overrides)
                    .bind("tenant", tenantId.value())
                    .bind("subject", subject)
                    .execute();
            handle.createUpdate("DELETE FROM limit_rate_override WHERE tenant_id = :tenant AND subject = :subject")
                    .bind("tenant", tenantId.value())
                    .bind("subject", subject)
                    .execute();
            insertRates(handle, tenantId, subject, overrides);
            return null;
        });
    }

    private static void insertRates(Handle handle, TenantId tenantId, String subject, LimitOverrides overrides) {
        for (Map.Entry<RateLimitKey, CountLimit> rate : overrides.rateLimits().entrySet()) {
            RateLimitKey key = rate.getKey();
            handle.createUpdate("INSERT INTO limit_rate_override (tenant_id, subject, " + RATE_COLUMNS
                            + ") VALUES (:tenant, :subject, :resource, :pattern, :window, :max, :unlimited)")
                    .bind("tenant", tenantId.value())
                    .bind("subject", subject)
                    .bind("resource", key.resource().slug())
                    .bind("pattern", key.toolPattern().map(ToolPattern::value).orElse(""))
                    .bind("window", key.window().slug())
                    .bind("max", cap(Optional.of(rate.getValue())))
                    .bind("unlimited", rate.getValue().isUnlimited())
                    .execute();
        }
    }

    private static LimitOverrides withRates(LimitOverrides base, Query rates) {
        Map<RateLimitKey, CountLimit> read = new TreeMap<>();
        rates.map((rs, ctx) -> {
            String pattern = rs.getString("tool_pattern");
            RateLimitKey key = new RateLimitKey(RateLimitedResource.parse(rs.getString("resource")),
                    pattern.isEmpty() ? Optional.empty() : Optional.of(ToolPattern.of(pattern)),
                    RateWindow.parse(rs.getString("rate_window")));
            return Map.entry(key, countLimit(rs, "max_count", "unlimited").orElseThrow());
        }).forEach(entry -> read.put(entry.getKey(), entry.getValue()));
        if (read.isEmpty()) {
            return base;
        }
        return base.withRateLimits(read);
    }

    private static Update bindAll(Update update, LimitOverrides o) {
        return update
                .bind("perMinute", boxed(o.agentExecutionsPerMinute()))
                .bind("perDay", boxed(o.agentExecutionsPerDay()))
                .bind("timeout", seconds(o.executionTimeout()))
                .bind("maxIterations", boxed(o.maxIterations()))
                .bind("maxConcurrent", cap(o.maxConcurrentExecutions()))
                .bind("maxConcurrentUnlimited", o.maxConcurrentExecutions().map(CountLimit::isUnlimited).orElse(false))
                .bind("memory", boxed(o.memoryBytesPerAgent()))
                .bind("storage", boxed(o.storageBytes()))
                .bind("volumes", cap(o.volumeCount()))
                .bind("volumesUnlimited", o.volumeCount().map(CountLimit::isUnlimited).orElse(false))
                .bind("maxFileBytes", boxed(o.maxFileBytes()))
                .bind("storageTtl", seconds(o.storageTtl()))
                .bind("auditRetention", seconds(o.auditRetention()))
                .bind("teams", o.teamsAndOrgs().orElse(null))
                .bind("selfHosted", o.selfHosted().orElse(null))
                .bind("agents", cap(o.agentCount()))
                .bind("agentsUnlimited", o.agentCount().map(CountLimit::isUnlimited).orElse(false))
                .bind("workflows", cap(o.workflowCount()))
                .bind("workflowsUnlimited", o.workflowCount().map(CountLimit::isUnlimited).orElse(false));
    }

    private static LimitOverrides read(ResultSet rs) throws SQLException {
        return new LimitOverrides(
                optionalInt(rs, "agent_executions_per_minute"),
                optionalInt(rs, "agent_executions_per_day"),
                duration(rs, "execution_timeout_s"),
                optionalInt(rs, "max_iterations"),
                countLimit(rs, "max_concurrent_executions", "max_concurrent_unlimited"),
                optionalLong(rs, "memory_bytes_per_agent"),
                optionalLong(rs, "storage_bytes"),
                countLimit(rs, "volume_count", "volume_count_unlimited"),
                optionalLong(rs, "max_file_bytes"),
                duration(rs, "storage_ttl_s"),
                duration(rs, "audit_retention_s"),
                Optional.ofNullable(rs.getObject("teams_and_orgs", Boolean.class)),
                Optional.ofNullable(rs.getObject("self_hosted", Boolean.class)),
                countLimit(rs, "agent_count", "agent_count_unlimited"),
                countLimit(rs, "workflow_count", "workflow_count_unlimited"),
                Map.of());
    }

    private static Integer boxed(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static Long cap(Optional<CountLimit> limit) {
        return limit.isPresent() && !limit.get().isUnlimited() ? limit.get().max().getAsLong() : null;
    }

    private static BigDecimal seconds(Optional<Duration> duration) {
        return duration.map(d -> BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9)))
                .orElse(null);
    }

    private static OptionalInt optionalInt(ResultSet rs, String column) throws SQLException {
        Integer value = rs.getObject(column, Integer.class);
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static OptionalLong optionalLong(ResultSet rs, String column) throws SQLException {
        Long value = rs.getObject(column, Long.class);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static Optional<CountLimit> countLimit(ResultSet rs, String column, String unlimitedColumn)
            throws SQLException {
        if (rs.getBoolean(unlimitedColumn)) {
            return Optional.of(CountLimit.unlimited());
        }
        Long max = rs.getObject(column, Long.class);
        return max == null ? Optional.empty() : Optional.of(CountLimit.of(max));
    }

    private static Optional<Duration> duration(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        if (value == null) {
            return Optional.empty();
        }
        BigDecimal whole = value.setScale(0, RoundingMode.FLOOR);
        int nanos = value.subtract(whole).movePointRight(9).setScale(0, RoundingMode.DOWN).intValueExact();
        return Optional.of(Duration.ofSeconds(whole.longValueExact(), nanos));
    }
}
