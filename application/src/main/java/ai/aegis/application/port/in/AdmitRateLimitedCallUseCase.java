package ai.aegis.application.port.in;

import ai.aegis.domain.error.LimitExceededException;

/**
 * The rate-limit gate: counts one use against every rate limit that applies to the caller (tier
 * defaults, then the tenant's overrides, then the user's) in every window, all or nothing.
 *
 * <p>Call it after the allow/deny decision (a denied caller must not spend quota) and before any
 * work starts (a refused call must not do any). A refused call consumes nothing.
 */
public interface AdmitRateLimitedCallUseCase {

    /**
     * @throws LimitExceededException code {@code limit.rate.<resource>} (e.g.
     *     {@code limit.rate.agent_execution}) naming the limit, the current usage and when the window
     *     resets, with {@link LimitExceededException#retryAfter()} set; the refusal is audited
     */
    void admit(AdmitRateLimitedCallCommand command);
}
