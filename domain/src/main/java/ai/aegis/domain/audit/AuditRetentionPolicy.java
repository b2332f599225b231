package ai.aegis.domain.audit;

import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.limits.ResourceLimits;
import ai.aegis.domain.tenancy.TenantScope;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a tenant's audit rows are kept before the retention job removes them (DESIGN.md §3,
 * "audit log retention").
 *
 * <ul>
 *   <li>Business keeps 90 days and Enterprise 365 days; the tenant reads them with
 *       {@code aegis.audit.list}.</li>
 *   <li>Free and Pro plans have <em>no</em> audit log retention. "None" means the customer has no
 *       audit log: {@code aegis.audit.list} answers "not in your plan" and nothing is ever shown to
 *       them. The rows are still written (every refusal is audited) and kept for
 *       {@link #OPERATIONAL_MINIMUM} for the platform's own needs (incident handling, abuse), then
 *       removed.</li>
 *   <li>The operator tenant {@link TenantScope#SYSTEM} keeps 365 days.</li>
 *   <li>A tenant whose plan the service has never recorded keeps everything: removing rows on a
 *       guess could destroy a paying customer's trail.</li>
 * </ul>
 *
 * <p>A tenant's limit overrides may change its audit retention (so an operator can grant one);
 * whatever they say, no row is removed before it is {@link #OPERATIONAL_MINIMUM} old.
 *
 * <p>Invariants: {@code keepFor}, when present, is at least {@link #OPERATIONAL_MINIMUM};
 * empty means "keep everything". {@code description} says in plain words what is kept.
 */
public record AuditRetentionPolicy(Optional<Duration> keepFor, boolean shownToTenant, String description) {

    /** The shortest time any audit row is kept: what operations need to handle incidents and abuse. */
    public static final Duration OPERATIONAL_MINIMUM = Duration.ofDays(7);

    /** What the operator tenant keeps. */
    public static final Duration OPERATOR_TENANT_RETENTION = Duration.ofDays(365);

    public AuditRetentionPolicy {
        Objects.requireNonNull(keepFor, "keepFor");
        if (keepFor.isPresent() && keepFor.get().compareTo(OPERATIONAL_MINIMUM) < 0) {
            throw new IllegalArgumentException("audit rows are kept at least " + OPERATIONAL_MINIMUM.toDays() + " days");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("a retention policy describes itself");
        }
    }

    /** Plans without audit retention (Free, Pro): nothing shown, rows kept {@link #OPERATIONAL_MINIMUM} only. */
    public static AuditRetentionPolicy operationalOnly(String plan) {
        return new AuditRetentionPolicy(Optional.of(OPERATIONAL_MINIMUM), false,
                plan + ": no audit log in the plan; rows are kept " + OPERATIONAL_MINIMUM.toDays()
                        + " days for operations and never shown");
    }

    /** A plan that keeps an audit log the tenant can read for {@code retention} (never less than the minimum). */
    public static AuditRetentionPolicy shownFor(String plan, Duration retention) {
        Objects.requireNonNull(retention, "retention");
        Duration kept = retention.compareTo(OPERATIONAL_MINIMUM) < 0 ? OPERATIONAL_MINIMUM : retention;
        return new AuditRetentionPolicy(Optional.of(kept), true, plan + ": audit log kept " + days(kept));
    }

    /** The defaults of {@code tier}: Business 90 days, Enterprise 365 days, Free and Pro operational only. */
    public static AuditRetentionPolicy forTier(ZaruTier tier) {
        return forLimits(tier.displayName() + " plan", ResourceLimits.forTier(tier));
    }

    /** The operator tenant's fixed policy: 365 days. */
    public static AuditRetentionPolicy operatorTenant() {
        return new AuditRetentionPolicy(Optional.of(OPERATOR_TENANT_RETENTION), true,
                "operator tenant: audit log kept " + days(OPERATOR_TENANT_RETENTION));
    }

    /** A tenant whose plan was never recorded: every row is kept. */
    public static AuditRetentionPolicy unknownPlan() {
        return new AuditRetentionPolicy(Optional.empty(), false, "plan not known yet: every audit row is kept");
    }

    /**
     * The policy of {@code tenant}: the operator tenant's fixed one; {@link #unknownPlan()} without a
     * recorded plan; otherwise the plan's audit retention after the tenant's overrides.
     */
    public static AuditRetentionPolicy forTenant(TenantId tenant, Optional<ZaruTier> plan, LimitOverrides tenantOverrides) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(tenantOverrides, "tenantOverrides");
        if (TenantScope.SYSTEM.equals(tenant)) {
            return operatorTenant();
        }
        if (plan.isEmpty()) {
            return unknownPlan();
        }
        String name = plan.get().displayName() + " plan" + (tenantOverrides.auditRetention().isPresent()
                ? " with the tenant's audit retention override" : "");
        return forLimits(name, ResourceLimits.forTier(plan.get()).apply(tenantOverrides));
    }

    private static AuditRetentionPolicy forLimits(String name, ResourceLimits limits) {
        return limits.auditRetention().isPresent() ? shownFor(name, limits.auditRetention().get()) : operationalOnly(name);
    }

    /** Rows that occurred before this instant may be removed at {@code now}; empty when every row is kept. */
    public Optional<Instant> cutoff(Instant now) {
        Objects.requireNonNull(now, "now");
        return keepFor.map(now::minus);
    }

    private static String days(Duration duration) {
        return duration.toDays() + " days";
    }
}
