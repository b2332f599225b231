package ai.aegis.application.service;

import static ai.aegis.application.service.ServiceFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.in.ListAuditRecordsQuery;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.ZaruTier;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditQueryServiceTest {

    private final ServiceFixture f = new ServiceFixture();
    private final AuditQueryService service = new AuditQueryService(f.audit, f.overrides, f.clock);

    private void recordFor(Identity.ZaruUser owner, String reason) {
        f.audit.record(new AuditRecord(owner.subject(), IdentityKind.ZARU_USER, owner.tenantId(), "tool.call",
                Optional.empty(), AuditDecision.DENIED, reason, f.clock.now()));
    }

    @Test
    void list_businessUser_answersOwnTenantOnlyNewestFirst() {
        Identity.ZaruUser business = user("biz", ZaruTier.BUSINESS);
        Identity.ZaruUser other = user("other", ZaruTier.ENTERPRISE);
        recordFor(business, "first.reason");
        recordFor(other, "not.mine");
        recordFor(business, "second.reason");

        List<AuditRecord> records = service.list(new ListAuditRecordsQuery(business, 10));

        assertThat(records).extracting(AuditRecord::reasonCode).containsExactly("second.reason", "first.reason");
    }

    @Test
    void list_proUser_refusedNotInPlanAndAudited() {
        Identity.ZaruUser pro = user("pro", ZaruTier.PRO);

        assertThatThrownBy(() -> service.list(new ListAuditRecordsQuery(pro, 10)))
                .isInstanceOf(AccessDeniedException.class)
                .hasFieldOrPropertyWithValue("code", "audit.not_in_plan")
                .hasMessageContaining("Business");
        assertThat(f.audit.all()).last().satisfies(record -> {
            assertThat(record.reasonCode()).isEqualTo("audit.not_in_plan");
            assertThat(record.tenantId()).isEqualTo(pro.tenantId());
        });
    }

    @Test
    void query_limitOutOfRange_refused() {
        assertThatThrownBy(() -> new ListAuditRecordsQuery(user("x", ZaruTier.FREE), 0))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new ListAuditRecordsQuery(user("x", ZaruTier.FREE), 501))
                .isInstanceOf(InvalidInputException.class);
    }
}
