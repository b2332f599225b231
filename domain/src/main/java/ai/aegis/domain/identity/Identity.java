package ai.aegis.domain.identity;

import ai.aegis.domain.error.InvalidInputException;
import java.util.Objects;

/**
 * Who is calling, as established from a verified token and nothing else. There are exactly two
 * kinds: a Zaru consumer (user id, per-user tenant, subscription tier) and a platform operator
 * (subject, role). An identity is never built from request headers or bodies.
 */
public sealed interface Identity permits Identity.ZaruUser, Identity.Operator {

    IdentityKind kind();

    /** The token subject: the Zaru user id or the operator's subject. */
    String subject();

    /**
     * A Zaru consumer. Invariant: the tenant is the consumer's own per-user tenant ({@code u-{uuid}}).
     */
    record ZaruUser(ZaruUserId userId, TenantId tenantId, ZaruTier tier) implements Identity {

        public ZaruUser {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(tier, "tier");
            if (!tenantId.isConsumer()) {
                throw new InvalidInputException("tenant.not_consumer",
                        "a Zaru consumer's tenant must be a per-user tenant u-{uuid}, not " + tenantId);
            }
        }

        @Override
        public IdentityKind kind() {
            return IdentityKind.ZARU_USER;
        }

        @Override
        public String subject() {
            return userId.value();
        }
    }

    /** A platform operator from the {@code aegis-system} realm. */
    record Operator(String subject, AegisRole role) implements Identity {

        public Operator {
            ZaruUserId.requireSubject(subject, "operator.invalid_subject", "operator subject");
            Objects.requireNonNull(role, "role");
        }

        @Override
        public IdentityKind kind() {
            return IdentityKind.OPERATOR;
        }
    }

    static ZaruUser zaruUser(ZaruUserId userId, TenantId tenantId, ZaruTier tier) {
        return new ZaruUser(userId, tenantId, tier);
    }

    static Operator operator(String subject, AegisRole role) {
        return new Operator(subject, role);
    }
}
