package ai.aegis.application.port.out;

/**
 * The public half of the service's SEAL signing keys, as a JWKS document: the current key and
 * every retired key whose tokens may still be unexpired.
 */
public interface SealKeySetPort {

    /** The JWKS JSON text ({@code {"keys":[...]}}), public members only. */
    String publicJwksJson();
}
