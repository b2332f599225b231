package ai.aegis.application.port.in;

import ai.aegis.domain.seal.JsonValue;
import ai.aegis.domain.seal.SealToolCall;
import ai.aegis.domain.seal.SecurityToken;
import java.util.Objects;

/**
 * A SEAL envelope that passed every step: the verified token (who acts, for which tenant, under
 * which context and execution), the tool call it carries, and the original JSON-RPC payload.
 */
public record VerifiedSealCall(SecurityToken token, SealToolCall call, JsonValue payload) {

    public VerifiedSealCall {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(payload, "payload");
    }
}
