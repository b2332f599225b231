package ai.aegis.application.contract;

import static ai.aegis.application.contract.ContractFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.identity.IdentityKind;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link AuditLogPort} adapter must do. */
public abstract class AuditLogPortContract {

    protected abstract AuditLogPort newAuditLog();

    @Test
    void record_thenList_newestFirstLimitedAndTenantScoped() {
        AuditLogPort log = newAuditLog();
        AuditRecord older = new AuditRecord("user-a", IdentityKind.ZARU_USER, ContractFixtures.TENANT_A, "tool.call",
                Optional.of("web.search"), AuditDecision.ALLOWED, "policy.allowed", NOW);
        AuditRecord newer = new AuditRecord("user-a", IdentityKind.ZARU_USER, ContractFixtures.TENANT_A, "tool.call",
                Optional.of("aegis.workflow.signal"), AuditDecision.DENIED, "policy.no_capability", NOW.plusSeconds(1));
        AuditRecord other = new AuditRecord("user-b", IdentityKind.ZARU_USER, ContractFixtures.TENANT_B, "tool.call",
                Optional.empty(), AuditDecision.DENIED, "tool.unknown", NOW.plusSeconds(2));
        log.record(older);
        log.record(newer);
        log.record(other);

        assertThat(log.listByTenant(ContractFixtures.TENANT_A, 10)).containsExactly(newer, older);
        assertThat(log.listByTenant(ContractFixtures.TENANT_A, 1)).containsExactly(newer);
        assertThat(log.listByTenant(ContractFixtures.TENANT_B, 10)).containsExactly(other);
    }

    @Test
    void recordAtomically_changeSucceeds_returnsItsResultAndRecordsOnce() {
        AuditLogPort log = newAuditLog();

        String result = log.recordAtomically(() -> "done", done -> new AuditRecord("user-a", IdentityKind.ZARU_USER,
                ContractFixtures.TENANT_A, "execution.start_root", Optional.of(done), AuditDecision.ALLOWED, "allowed", NOW));

        assertThat(result).isEqualTo("done");
        assertThat(log.listByTenant(ContractFixtures.TENANT_A, 10)).singleElement()
                .satisfies(record -> assertThat(record.target()).contains("done"));
    }

    @Test
    void recordAtomically_changeFails_nothingRecordedAndFailurePropagates() {
        AuditLogPort log = newAuditLog();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> log.recordAtomically(() -> {
            throw new ai.aegis.domain.error.PreconditionFailedException("execution.not_running", "not running");
        }, done -> new AuditRecord("user-a", IdentityKind.ZARU_USER, ContractFixtures.TENANT_A, "execution.finish",
                Optional.empty(), AuditDecision.ALLOWED, "allowed", NOW)))
                .isInstanceOf(ai.aegis.domain.error.PreconditionFailedException.class);
        assertThat(log.listByTenant(ContractFixtures.TENANT_A, 10)).isEmpty();
    }
}
