package ai.aegis.application.port.in;

import java.util.Objects;

/** The SEAL public keys as a JWKS JSON document, ready to publish as {@code application/json}. */
public record SealPublicKeys(String jwksJson) {

    public SealPublicKeys {
        Objects.requireNonNull(jwksJson, "jwksJson");
    }
}
