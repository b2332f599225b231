package ai.aegis.application.port.out;

import ai.aegis.domain.seal.SealSession;
import java.util.Optional;

/** The agent keys bound to SEAL tokens at attestation. Bindings end with their tokens. */
public interface SealSessionPort {

    /** Stores a binding; a token is bound once, a second binding for the same token id is refused. */
    void bind(SealSession session);

    /** The binding of a token id, if one exists and has not expired. */
    Optional<SealSession> findByTokenId(String tokenId);
}
