package ai.aegis.application.service;

import ai.aegis.application.port.in.AdmitRateLimitedCallCommand;
import ai.aegis.application.port.in.AdmitRateLimitedCallUseCase;
import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.LimitOverridesPort;
import ai.aegis.application.port.out.RateCounterIncrement;
import ai.aegis.application.port.out.RateCounterOutcome;
import ai.aegis.application.port.out.RateLimitCounterPort;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.limits.RateLimit;
import ai.aegis.domain.limits.RateLimitKey;
import ai.aegis.domain.limits.RateLimits;
import ai.aegis.domain.tenancy.TenantScope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Exact rate limiting over UTC-aligned fixed windows ({@link ai.aegis.domain.limits.RateWindow}).
 * Each call resolves the caller's limits afresh (tier, then tenant overrides, then user overrides,
 * read from {@link LimitOverridesPort} every time, so an administrator's change applies to the next
 * call without a restart), then takes one count in every applicable window through
 * {@link RateLimitCounterPort#tryAddAll}, which adds all of them or none. Counts belong to the
 * caller: per user (subject) within their tenant; operators count in the platform tenant.
 *
 * <p>Only refusals are audited (action {@code rate_limit.<resource>}, target the limit's counter
 * name, reason the refusal code): an allowed call is audited by the step that performs it.
 */
public final class RateLimitService implements AdmitRateLimitedCallUseCase {

    static final String ACTION_PREFIX = "rate_limit.";
    static final String CODE_PREFIX = "limit.rate.";

    private final LimitOverridesPort overrides;
    private final RateLimitCounterPort counters;
    private final ClockPort clock;
    private final Auditor auditor;

    public RateLimitService(LimitOverridesPort overrides, RateLimitCounterPort counters, AuditLogPort auditLog,
            ClockPort clock) {
        this.overrides = Objects.requireNonNull(overrides, "overrides");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = new Auditor(Objects.requireNonNull(auditLog, "auditLog"), clock);
    }

    @Override
    public void admit(AdmitRateLimitedCallCommand command) {
        Objects.requireNonNull(command, "command");
        if (!command.resource().isLimitedFor(command.byok())) {
            return;
        }
        Identity identity = command.identity();
        TenantId tenant = TenantScope.of(identity);
        RateLimits limits = RateLimits.resolve(identity, overrides.forTenant(tenant),
                overrides.forUser(tenant, identity.subject()));
        List<RateLimit> applicable = limits.applicableTo(command.resource(), command.toolName());
        if (applicable.isEmpty()) {
            return;
        }
        Instant now = clock.now();
        List<RateCounterIncrement> increments = new ArrayList<>(applicable.size());
        for (RateLimit limit : applicable) {
            increments.add(new RateCounterIncrement(limit.key().counterName(), limit.key().window().startOf(now),
                    limit.key().window().endOf(now), command.amount(), limit.max()));
        }
        RateCounterOutcome outcome = counters.tryAddAll(tenant, identity.subject(), increments);
        if (outcome.isAdmitted()) {
            return;
        }
        RateCounterIncrement refused = outcome.refusedBy().get();
        RateLimit limit = applicable.get(increments.indexOf(refused));
        String code = CODE_PREFIX + command.resource().slug();
        auditor.record(identity, ACTION_PREFIX + command.resource().slug(), Optional.of(limit.key().counterName()),
                AuditDecision.DENIED, code);
        Duration retryAfter = Duration.between(now, refused.windowEnd());
        throw new LimitExceededException(code, message(limit, outcome.currentCount(), command.amount(),
                refused.windowEnd(), retryAfter), retryAfter);
    }

    private static String message(RateLimit limit, long used, long amount, Instant resetsAt, Duration retryAfter) {
        RateLimitKey key = limit.key();
        StringBuilder text = new StringBuilder("rate limit reached: at most ").append(limit.max()).append(' ')
                .append(key.describe()).append("; used ").append(used).append(" of ").append(limit.max())
                .append(" in this ").append(key.window().slug());
        if (amount > 1) {
            text.append(", and this call needs ").append(amount);
            if (amount > limit.max()) {
                text.append(", more than the limit allows in any one ").append(key.window().slug());
            }
        }
        return text.append(". The ").append(key.window().slug()).append(" window resets at ").append(resetsAt)
                .append(" (in ").append(readable(retryAfter)).append(")").toString();
    }

    private static String readable(Duration duration) {
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
        if (seconds < 120) {
            return seconds + " s";
        }
        long minutes = (seconds + 59) / 60;
        if (minutes < 120) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        return hours < 48 ? hours + " h " + (minutes % 60) + " min" : (hours / 24) + " d " + (hours % 24) + " h";
    }
}
