package ai.aegis.application.contract;

import static ai.aegis.application.contract.ContractFixtures.TENANT_A;
import static ai.aegis.application.contract.ContractFixtures.TENANT_B;
import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.port.out.LimitOverridesPort;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.limits.RateLimitKey;
import ai.aegis.domain.limits.RateLimitedResource;
import ai.aegis.domain.limits.RateWindow;
import ai.aegis.domain.security.ToolPattern;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LimitOverridesPort} adapter must do: nothing configured reads as
 * {@link LimitOverrides#none()}; what is configured for a tenant, or for one user of a tenant,
 * reads back field for field (absent, unlimited and zero kept apart) for that tenant or user only;
 * configuring again replaces, it does not merge. The port does not combine tenant and user
 * overrides: {@code ResourceLimits.resolve} does.
 *
 * <p>The port only reads; how overrides are configured is the adapter's own business, so a test
 * class says how through {@link #configureTenant} and {@link #configureUser}.
 */
public abstract class LimitOverridesPortContract {

    private static final TenantId ORG = TenantId.of("acme-labs");

    private LimitOverridesPort overrides;

    /** A fresh adapter with nothing configured. */
    protected abstract LimitOverridesPort newLimitOverridesPort();

    /** Configures, through the adapter under test, the overrides of a whole tenant. */
    protected abstract void configureTenant(TenantId tenantId, LimitOverrides value);

    /** Configures, through the adapter under test, the overrides of one user of a tenant. */
    protected abstract void configureUser(TenantId tenantId, String subject, LimitOverrides value);

    @BeforeEach
    void setUpOverrides() {
        overrides = newLimitOverridesPort();
    }

    /** Every field set, with the values an encoding gets wrong first: unlimited, zero, fractions of a second. */
    static LimitOverrides everyField() {
        return LimitOverrides.none()
                .withAgentExecutionsPerMinute(0)
                .withAgentExecutionsPerDay(1_000_000)
                .withExecutionTimeout(Duration.ofMinutes(90).plusNanos(123_456_789))
                .withMaxIterations(75)
                .withMaxConcurrentExecutions(CountLimit.unlimited())
                .withMemoryBytesPerAgent(8L * 1024 * 1024 * 1024)
                .withStorageBytes(Long.MAX_VALUE)
                .withVolumeCount(CountLimit.of(0))
                .withMaxFileBytes(0)
                .withStorageTtl(Duration.ZERO)
                .withAuditRetention(Duration.ofDays(365))
                .withTeamsAndOrgs(true)
                .withSelfHosted(false)
                .withAgentCount(CountLimit.unlimited())
                .withWorkflowCount(CountLimit.of(0))
                .withRateLimit(RateLimitKey.toolCalls(ToolPattern.of("fs.*"), RateWindow.MINUTE), CountLimit.of(5))
                .withRateLimit(RateLimitKey.toolCalls(ToolPattern.of("aegis.task.execute"), RateWindow.MONTH),
                        CountLimit.of(Long.MAX_VALUE))
                .withRateLimit(RateLimitKey.of(RateLimitedResource.LLM_TOKEN, RateWindow.HOUR), CountLimit.unlimited())
                .withRateLimit(RateLimitKey.of(RateLimitedResource.AGENT_EXECUTION, RateWindow.WEEK), CountLimit.of(0));
    }

    @Test
    void forTenant_nothingConfigured_none() {
        assertThat(overrides.forTenant(TENANT_A)).isEqualTo(LimitOverrides.none());
    }

    @Test
    void forUser_nothingConfigured_none() {
        assertThat(overrides.forUser(TENANT_A, "alice")).isEqualTo(LimitOverrides.none());
    }

    @Test
    void forTenant_everyFieldConfigured_readsBackFieldForField() {
        configureTenant(ORG, everyField());

        assertThat(overrides.forTenant(ORG)).isEqualTo(everyField());
    }

    @Test
    void forUser_everyFieldConfigured_readsBackFieldForField() {
        configureUser(ORG, "alice", everyField());

        assertThat(overrides.forUser(ORG, "alice")).isEqualTo(everyField());
    }

    @Test
    void forTenant_someFieldsConfigured_othersStayAbsent() {
        LimitOverrides some = LimitOverrides.none().withMaxIterations(40)
                .withMaxConcurrentExecutions(CountLimit.of(12)).withVolumeCount(CountLimit.unlimited());
        configureTenant(ORG, some);

        LimitOverrides read = overrides.forTenant(ORG);
        assertThat(read).isEqualTo(some);
        assertThat(read.executionTimeout()).isEmpty();
        assertThat(read.storageTtl()).isEmpty();
        assertThat(read.selfHosted()).isEmpty();
    }

    @Test
    void forTenant_otherTenantConfigured_none() {
        configureTenant(TENANT_A, LimitOverrides.none().withMaxIterations(40));

        assertThat(overrides.forTenant(TENANT_B)).isEqualTo(LimitOverrides.none());
    }

    @Test
    void forUser_sameSubjectInOtherTenant_none() {
        configureUser(TENANT_A, "alice", LimitOverrides.none().withMaxIterations(40));

        assertThat(overrides.forUser(TENANT_B, "alice")).isEqualTo(LimitOverrides.none());
    }

    @Test
    void forUser_otherUserOfSameTenant_none() {
        configureUser(ORG, "alice", LimitOverrides.none().withMaxIterations(40));

        assertThat(overrides.forUser(ORG, "bob")).isEqualTo(LimitOverrides.none());
    }

    @Test
    void forUser_onlyTenantConfigured_noneBecauseThePortDoesNotMerge() {
        configureTenant(ORG, LimitOverrides.none().withMaxIterations(40));

        assertThat(overrides.forUser(ORG, "alice")).isEqualTo(LimitOverrides.none());
    }

    @Test
    void forTenant_onlyUserConfigured_none() {
        configureUser(ORG, "alice", LimitOverrides.none().withMaxIterations(40));

        assertThat(overrides.forTenant(ORG)).isEqualTo(LimitOverrides.none());
    }

    @Test
    void forTenant_configuredTwice_secondReplacesFirstWhole() {
        configureTenant(ORG, LimitOverrides.none().withMaxIterations(40));
        configureTenant(ORG, LimitOverrides.none().withExecutionTimeout(Duration.ofMinutes(5)));

        assertThat(overrides.forTenant(ORG)).isEqualTo(LimitOverrides.none().withExecutionTimeout(Duration.ofMinutes(5)));
    }

    @Test
    void forUser_configuredTwice_secondReplacesFirstWhole() {
        configureUser(ORG, "alice", LimitOverrides.none().withTeamsAndOrgs(true));
        configureUser(ORG, "alice", LimitOverrides.none().withSelfHosted(true));

        assertThat(overrides.forUser(ORG, "alice")).isEqualTo(LimitOverrides.none().withSelfHosted(true));
    }

    @Test
    void forUser_manifestCountsConfigured_numberAndUnlimitedKeptApart() {
        configureUser(ORG, "alice", LimitOverrides.none().withAgentCount(CountLimit.of(7))
                .withWorkflowCount(CountLimit.unlimited()));

        LimitOverrides read = overrides.forUser(ORG, "alice");
        assertThat(read.agentCount()).contains(CountLimit.of(7));
        assertThat(read.workflowCount()).contains(CountLimit.unlimited());
    }

    @Test
    void forUser_rateLimitsConfiguredTwice_secondReplacesFirstWhole() {
        RateLimitKey llmDay = RateLimitKey.of(RateLimitedResource.LLM_CALL, RateWindow.DAY);
        RateLimitKey anyToolMinute = RateLimitKey.toolCalls(ToolPattern.ANY, RateWindow.MINUTE);
        configureUser(ORG, "alice", LimitOverrides.none().withRateLimit(llmDay, CountLimit.of(9)));
        configureUser(ORG, "alice", LimitOverrides.none().withRateLimit(anyToolMinute, CountLimit.of(30)));

        assertThat(overrides.forUser(ORG, "alice").rateLimits()).containsOnlyKeys(anyToolMinute);
        assertThat(overrides.forTenant(ORG)).isEqualTo(LimitOverrides.none());
    }

    @Test
    void forTenant_onlyRateLimitsConfigured_readBackWithOtherFieldsAbsent() {
        LimitOverrides rates = LimitOverrides.none()
                .withRateLimit(RateLimitKey.of(RateLimitedResource.WORKFLOW_EXECUTION, RateWindow.DAY), CountLimit.of(3));
        configureTenant(ORG, rates);

        assertThat(overrides.forTenant(ORG)).isEqualTo(rates);
        assertThat(overrides.forUser(ORG, "alice")).isEqualTo(LimitOverrides.none());
    }

    @Test
    void forTenant_configuredBackToNone_none() {
        configureTenant(ORG, everyField());
        configureTenant(ORG, LimitOverrides.none());

        assertThat(overrides.forTenant(ORG)).isEqualTo(LimitOverrides.none());
    }
}
