package ai.aegis.domain.audit;

import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One line of the audit trail: who did what, in which tenant, on what target, whether it was allowed,
 * the stable reason code, and when. Every denial is audited. Invariant: no credential or secret
 * appears in any field; {@code action} and {@code reasonCode} are dotted lower_snake_case codes.
 */
public record AuditRecord(
        String actorSubject,
        IdentityKind actorKind,
        TenantId tenantId,
        String action,
        Optional<String> target,
        AuditDecision decision,
        String reasonCode,
        Instant at) {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");

    public AuditRecord {
        Objects.requireNonNull(actorSubject, "actorSubject");
        Objects.requireNonNull(actorKind, "actorKind");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(at, "at");
        if (action == null || !CODE.matcher(action).matches() || reasonCode == null || !CODE.matcher(reasonCode).matches()) {
            throw new IllegalArgumentException("audit action and reason code must be dotted lower_snake_case");
        }
    }
}
