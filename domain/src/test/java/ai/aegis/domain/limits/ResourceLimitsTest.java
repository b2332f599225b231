package ai.aegis.domain.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.registry.ManifestKind;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResourceLimitsTest {

    private static final long MIB = 1024L * 1024L;
    private static final long GIB = 1024L * MIB;

    @Test
    void forTier_free_matchesDesignTable() {
        ResourceLimits free = ResourceLimits.forTier(ZaruTier.FREE);

        assertThat(free.agentExecutionsPerMinute()).isEqualTo(3);
        assertThat(free.agentExecutionsPerDay()).isEqualTo(20);
        assertThat(free.executionTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(free.maxIterations()).isEqualTo(5);
        assertThat(free.maxConcurrentExecutions()).isEqualTo(CountLimit.of(1));
        assertThat(free.memoryBytesPerAgent()).isEqualTo(512 * MIB);
        assertThat(free.storageBytes()).isEqualTo(500 * MIB);
        assertThat(free.volumeCount()).isEqualTo(CountLimit.of(2));
        assertThat(free.storageTtl()).isEmpty();
        assertThat(free.auditRetention()).isEmpty();
        assertThat(free.hasAuditLog()).isFalse();
        assertThat(free.teamsAndOrgs()).isFalse();
        assertThat(free.selfHosted()).isFalse();
    }

    @Test
    void forTier_pro_matchesDesignTable() {
        ResourceLimits pro = ResourceLimits.forTier(ZaruTier.PRO);

        assertThat(pro.agentExecutionsPerMinute()).isEqualTo(10);
        assertThat(pro.agentExecutionsPerDay()).isEqualTo(200);
        assertThat(pro.executionTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(pro.maxIterations()).isEqualTo(10);
        assertThat(pro.maxConcurrentExecutions()).isEqualTo(CountLimit.of(5));
        assertThat(pro.memoryBytesPerAgent()).isEqualTo(2 * GIB);
        assertThat(pro.storageBytes()).isEqualTo(10_000_000_000L);
        assertThat(pro.storageTtl()).contains(Duration.ofDays(30));
        assertThat(pro.auditRetention()).isEmpty();
        assertThat(pro.teamsAndOrgs()).isFalse();
        assertThat(pro.selfHosted()).isFalse();
    }

    @Test
    void forTier_business_matchesDesignTable() {
        ResourceLimits business = ResourceLimits.forTier(ZaruTier.BUSINESS);

        assertThat(business.agentExecutionsPerMinute()).isEqualTo(30);
        assertThat(business.agentExecutionsPerDay()).isEqualTo(1_000);
        assertThat(business.executionTimeout()).isEqualTo(Duration.ofHours(4));
        assertThat(business.maxIterations()).isEqualTo(25);
        assertThat(business.maxConcurrentExecutions()).isEqualTo(CountLimit.of(50));
        assertThat(business.memoryBytesPerAgent()).isEqualTo(4 * GIB);
        assertThat(business.storageBytes()).isEqualTo(50_000_000_000L);
        assertThat(business.auditRetention()).contains(Duration.ofDays(90));
        assertThat(business.teamsAndOrgs()).isTrue();
        assertThat(business.selfHosted()).isFalse();
    }

    @Test
    void forTier_enterprise_matchesDesignTableWithUnlimitedConcurrency() {
        ResourceLimits enterprise = ResourceLimits.forTier(ZaruTier.ENTERPRISE);

        assertThat(enterprise.agentExecutionsPerMinute()).isEqualTo(100);
        assertThat(enterprise.agentExecutionsPerDay()).isEqualTo(10_000);
        assertThat(enterprise.executionTimeout()).isEqualTo(Duration.ofHours(24));
        assertThat(enterprise.maxIterations()).isEqualTo(50);
        assertThat(enterprise.maxConcurrentExecutions().isUnlimited()).isTrue();
        assertThat(enterprise.maxConcurrentExecutions().allowsOneMore(Long.MAX_VALUE - 1)).isTrue();
        assertThat(enterprise.memoryBytesPerAgent()).isEqualTo(8 * GIB);
        assertThat(enterprise.storageBytes()).isEqualTo(100_000_000_000L);
        assertThat(enterprise.auditRetention()).contains(Duration.ofDays(365));
        assertThat(enterprise.teamsAndOrgs()).isTrue();
        assertThat(enterprise.selfHosted()).isTrue();
    }

    @Test
    void operatorDefaults_equalEnterprise() {
        assertThat(ResourceLimits.operatorDefaults()).isEqualTo(ResourceLimits.forTier(ZaruTier.ENTERPRISE));
        assertThat(ResourceLimits.defaultsFor(Identity.operator("ops", AegisRole.ADMIN)))
                .isEqualTo(ResourceLimits.forTier(ZaruTier.ENTERPRISE));
    }

    @Test
    void resolve_tenantThenUser_userWins() {
        LimitOverrides tenant = LimitOverrides.none().withMaxIterations(40).withMaxConcurrentExecutions(CountLimit.of(80));
        LimitOverrides user = LimitOverrides.none().withMaxIterations(60);

        ResourceLimits limits = ResourceLimits.resolve(ZaruTier.BUSINESS, tenant, user);

        assertThat(limits.maxIterations()).isEqualTo(60);
        assertThat(limits.maxConcurrentExecutions()).isEqualTo(CountLimit.of(80));
        assertThat(limits.executionTimeout()).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void forTier_manifestCounts_matchIssueSeven() {
        assertThat(ResourceLimits.forTier(ZaruTier.FREE).agentCount()).isEqualTo(CountLimit.of(5));
        assertThat(ResourceLimits.forTier(ZaruTier.PRO).agentCount()).isEqualTo(CountLimit.of(50));
        assertThat(ResourceLimits.forTier(ZaruTier.BUSINESS).agentCount()).isEqualTo(CountLimit.of(200));
        assertThat(ResourceLimits.forTier(ZaruTier.ENTERPRISE).agentCount()).isEqualTo(CountLimit.of(500));
        for (ZaruTier tier : ZaruTier.values()) {
            ResourceLimits limits = ResourceLimits.forTier(tier);
            assertThat(limits.workflowCount()).isEqualTo(limits.agentCount());
            assertThat(limits.manifestCount(ManifestKind.AGENT)).isEqualTo(limits.agentCount());
            assertThat(limits.manifestCount(ManifestKind.WORKFLOW)).isEqualTo(limits.workflowCount());
        }
    }

    @Test
    void resolve_agentCountTenantAndUserOverrides_userWinsWorkflowUntouched() {
        ResourceLimits limits = ResourceLimits.resolve(ZaruTier.PRO,
                LimitOverrides.none().withAgentCount(CountLimit.of(70)).withWorkflowCount(CountLimit.of(60)),
                LimitOverrides.none().withAgentCount(CountLimit.of(3)));

        assertThat(limits.agentCount()).isEqualTo(CountLimit.of(3));
        assertThat(limits.workflowCount()).isEqualTo(CountLimit.of(60));
    }

    @Test
    void resolve_noOverrides_tierDefaults() {
        for (ZaruTier tier : ZaruTier.values()) {
            assertThat(ResourceLimits.resolve(tier, LimitOverrides.none(), LimitOverrides.none()))
                    .isEqualTo(ResourceLimits.forTier(tier));
        }
    }

    @Test
    void resolve_everyOverrideField_applied() {
        LimitOverrides all = LimitOverrides.none().withAgentExecutionsPerMinute(7).withAgentExecutionsPerDay(70)
                .withExecutionTimeout(Duration.ofMinutes(9)).withMaxIterations(3)
                .withMaxConcurrentExecutions(CountLimit.unlimited()).withMemoryBytesPerAgent(MIB)
                .withStorageBytes(5).withVolumeCount(CountLimit.of(4)).withMaxFileBytes(3).withStorageTtl(Duration.ofDays(1))
                .withAuditRetention(Duration.ofDays(7)).withTeamsAndOrgs(true).withSelfHosted(true)
                .withAgentCount(CountLimit.of(9)).withWorkflowCount(CountLimit.unlimited());

        ResourceLimits limits = ResourceLimits.resolve(ZaruTier.FREE, LimitOverrides.none(), all);

        assertThat(limits).isEqualTo(new ResourceLimits(7, 70, Duration.ofMinutes(9), 3, CountLimit.unlimited(), MIB, 5,
                CountLimit.of(4), 3, Optional.of(Duration.ofDays(1)), Optional.of(Duration.ofDays(7)), true, true,
                CountLimit.of(9), CountLimit.unlimited()));
    }

    @Test
    void resolve_zeroDurationOverride_removesRetention() {
        ResourceLimits limits = ResourceLimits.resolve(ZaruTier.ENTERPRISE,
                LimitOverrides.none().withAuditRetention(Duration.ZERO), LimitOverrides.none());

        assertThat(limits.hasAuditLog()).isFalse();
    }

    @Test
    void apply_invalidOverride_refused() {
        assertThatThrownBy(() -> ResourceLimits.forTier(ZaruTier.PRO).apply(LimitOverrides.none().withMaxIterations(0)))
                .isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("code", "limits.invalid_iterations");
    }

    @Test
    void countLimit_capOfOne_allowsOnlyFromZero() {
        assertThat(CountLimit.of(1).allowsOneMore(0)).isTrue();
        assertThat(CountLimit.of(1).allowsOneMore(1)).isFalse();
        assertThat(CountLimit.unlimited().toString()).isEqualTo("unlimited");
    }

    @ParameterizedTest
    @EnumSource(RateLimitedResource.class)
    void isRateLimited_byokUser_exemptFromModelLimitsOnly(RateLimitedResource resource) {
        boolean model = resource == RateLimitedResource.LLM_CALL || resource == RateLimitedResource.LLM_TOKEN;

        assertThat(ResourceLimits.isRateLimited(resource, true)).isEqualTo(!model);
        assertThat(ResourceLimits.isRateLimited(resource, false)).isTrue();
    }
}
