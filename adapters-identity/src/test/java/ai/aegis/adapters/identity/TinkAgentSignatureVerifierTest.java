package ai.aegis.adapters.identity;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.domain.seal.SealAgentKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class TinkAgentSignatureVerifierTest {

    private static final KeyPair AGENT = generate();
    private static final SealAgentKey KEY = SealAgentKey.fromPublicKey(AGENT.getPublic());
    private final TinkAgentSignatureVerifier tink = new TinkAgentSignatureVerifier();

    @Property(tries = 100)
    void verifies_anyMessageValidOrFlipped_agreesWithJdkReference(@ForAll @Size(max = 200) byte[] message,
            @ForAll @IntRange(min = -1, max = 63) int flipByte) throws GeneralSecurityException {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(AGENT.getPrivate());
        signer.update(message);
        byte[] signature = signer.sign();
        if (flipByte >= 0) {
            signature[flipByte] ^= 0x01;
        }

        boolean expected = KEY.verifies(message, signature);

        assertThat(tink.verifies(KEY, message, signature)).isEqualTo(expected).isEqualTo(flipByte < 0);
    }

    @Property(tries = 20)
    void verifies_truncatedSignature_false(@ForAll @IntRange(min = 0, max = 63) int length) {
        assertThat(tink.verifies(KEY, new byte[] {1, 2, 3}, new byte[length])).isFalse();
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
