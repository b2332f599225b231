package ai.aegis.domain.security;

import ai.aegis.domain.error.AccessDeniedException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The answer of a policy check: allowed or denied, a stable reason code (for audit records and
 * clients) and a sentence that says why, for the person who made the call.
 *
 * <p>Codes in use: {@code policy.allowed}, {@code policy.deny_list}, {@code policy.no_capability},
 * {@code policy.path_outside}, {@code policy.path_invalid}, {@code policy.command_not_allowed},
 * {@code policy.domain_not_allowed}, {@code policy.domain_invalid}, {@code policy.response_too_large},
 * {@code tool.unknown}, {@code mode.tool_excluded}, {@code mode.operator_only}, {@code role.too_low}.
 */
public record PolicyDecision(boolean allowed, String code, String reason) {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");

    public PolicyDecision {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("decision code must be dotted lower_snake_case: " + code);
        }
        Objects.requireNonNull(reason, "reason");
    }

    public static PolicyDecision allow(String code, String reason) {
        return new PolicyDecision(true, code, reason);
    }

    public static PolicyDecision deny(String code, String reason) {
        return new PolicyDecision(false, code, reason);
    }

    public boolean denied() {
        return !allowed;
    }

    /**
     * Returns normally when allowed.
     *
     * @throws AccessDeniedException carrying this decision's code and reason when denied
     */
    public void orThrow() {
        if (!allowed) {
            throw new AccessDeniedException(code, reason);
        }
    }
}
