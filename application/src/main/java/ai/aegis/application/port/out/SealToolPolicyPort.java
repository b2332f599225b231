package ai.aegis.application.port.out;

import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.seal.SealToolCall;
import ai.aegis.domain.seal.SecurityToken;

/**
 * The security-context policy step of SEAL envelope verification: may this token's context call
 * this tool with these arguments (deny list, first matching capability, deny by default)?
 */
public interface SealToolPolicyPort {

    /** @throws AccessDeniedException naming the reason when the context does not allow the call */
    void authorize(SecurityToken token, SealToolCall call);
}
