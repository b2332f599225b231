package ai.aegis.adapters.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;

/** Signing keys of the three allowed families, and token minting with any header a test needs. */
final class TestKeys {

    static final RSAKey RSA = rsa("rsa-1");
    static final ECKey EC = ec("ec-1");
    static final OctetKeyPair ED = ed("ed-1");

    private TestKeys() {
    }

    static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static OctetKeyPair ed(String kid) {
        try {
            return new OctetKeyPairGenerator(Curve.Ed25519).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs with the key's own algorithm and kid. */
    static String sign(JWK key, JWTClaimsSet claims) {
        JWSAlgorithm alg = key instanceof RSAKey ? JWSAlgorithm.RS256
                : key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.EdDSA;
        return sign(key, new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), claims);
    }

    /** Signs with the given header (which may lie about alg or kid) using the key. */
    static String sign(JWK key, JWSHeader header, JWTClaimsSet claims) {
        try {
            JWSSigner signer;
            if (key instanceof RSAKey rsa) {
                signer = new RSASSASigner(rsa);
            } else if (key instanceof ECKey ec) {
                signer = new ECDSASigner(ec);
            } else {
                signer = new Ed25519Signer((OctetKeyPair) key);
            }
            JWSHeader signingHeader = new JWSHeader.Builder(header).build();
            byte[] input = (signingHeader.toBase64URL() + "." + claims.toPayload().toBase64URL())
                    .getBytes(StandardCharsets.US_ASCII);
            JWSHeader realAlg = new JWSHeader.Builder(key instanceof RSAKey ? JWSAlgorithm.RS256
                    : key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.EdDSA).build();
            Base64URL signature = signer.sign(realAlg, input);
            return signingHeader.toBase64URL() + "." + claims.toPayload().toBase64URL() + "." + signature;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HMAC-signed token, as an attacker would forge with a public key as the secret. */
    static String signHmac(String kid, byte[] secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token with {@code alg: none} and a junk signature segment. */
    static String unsigned(JWTClaimsSet claims) {
        String header = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"rsa-1\"}").toString();
        return header + "." + claims.toPayload().toBase64URL() + ".AAAA";
    }
}
