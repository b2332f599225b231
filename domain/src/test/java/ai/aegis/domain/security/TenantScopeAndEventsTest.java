package ai.aegis.domain.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.tenancy.TenantScope;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TenantScopeAndEventsTest {

    @Test
    void tenantScope_consumerAndOperator_ownTenantOrSystemTenant() {
        TenantId tenant = TenantId.consumer(UUID.fromString("00000000-0000-4000-8000-000000000001"));

        assertThat(TenantScope.of(Identity.zaruUser(ZaruUserId.of("u"), tenant, ZaruTier.FREE))).isEqualTo(tenant);
        assertThat(TenantScope.of(Identity.operator("ops", AegisRole.ADMIN))).isEqualTo(TenantId.of("aegis-system"));
        assertThat(TenantScope.SYSTEM.isConsumer()).isFalse();
    }

    @Test
    void auditRecord_freeTextAction_refused() {
        assertThatThrownBy(() -> new AuditRecord("ops", IdentityKind.OPERATOR, TenantScope.SYSTEM, "Deleted everything!",
                Optional.empty(), AuditDecision.DENIED, "role.too_low", Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void policyDecision_malformedCode_refused() {
        assertThatThrownBy(() -> PolicyDecision.deny("Not A Code", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
