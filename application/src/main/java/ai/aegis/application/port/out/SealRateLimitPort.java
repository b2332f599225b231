package ai.aegis.application.port.out;

import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.seal.SealToolCall;
import ai.aegis.domain.seal.SecurityToken;

/** The rate-limit step of SEAL envelope verification: counts the call against its tenant's limits. */
public interface SealRateLimitPort {

    /** @throws LimitExceededException when a limit refuses the call; nothing is counted then */
    void consume(SecurityToken token, SealToolCall call);
}
