package ai.aegis.domain.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class SealEnvelopeTest {

    private static final KeyPair AGENT = generate();
    private static final SealAgentKey AGENT_KEY = SealAgentKey.fromPublicKey(AGENT.getPublic());
    private static final String TOKEN = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl";

    @Test
    void parse_signedEnvelope_verifiesWithBoundKeyAndRoundTrips() {
        String json = envelopeJson(TOKEN, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"fs.read\",\"arguments\":{\"path\":\"/workspace/a.txt\"}}}",
                "2026-11-28T14:05:09Z");

        SealEnvelope envelope = SealEnvelope.parse(json);

        assertThat(AGENT_KEY.verifies(envelope.signingInput(), envelope.signature())).isTrue();
        assertThat(envelope.timestampInstant()).isEqualTo(Instant.parse("2026-11-28T14:05:09Z"));
        assertThat(SealEnvelope.parse(envelope.toJson())).isEqualTo(envelope);
        assertThat(SealToolCall.fromPayload(envelope.payload()).toolName()).isEqualTo("fs.read");
    }

    @Test
    void parse_whitespaceAndMemberOrderOfPayloadChanged_signatureStillVerifies() {
        String signedPayload = "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"web.search\"}}";
        byte[] signature = sign(SealEnvelope.signingInput(TOKEN, CanonicalJson.parse(signedPayload), "2026-11-28T14:05:09Z"));
        String reordered = "{ \"params\" : { \"name\" : \"web.search\" } ,\n \"method\":\"tools/call\", \"jsonrpc\":\"2.0\" }";

        SealEnvelope envelope = SealEnvelope.parse(envelope(TOKEN, signature, reordered, "2026-11-28T14:05:09Z"));

        assertThat(AGENT_KEY.verifies(envelope.signingInput(), envelope.signature())).isTrue();
    }

    @Property(tries = 200)
    void verify_anyChangeToPayloadTokenOrTimestamp_breaksSignature(
            @ForAll @AlphaChars @StringLength(min = 1, max = 20) String argument,
            @ForAll @IntRange(min = 0, max = 2) int which,
            @ForAll @IntRange(min = 1, max = 59) int seconds) {
        String payload = "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"cmd.run\","
                + "\"arguments\":{\"command\":\"" + argument + "\"}}}";
        String timestamp = "2026-11-28T14:05:00Z";
        byte[] signature = sign(SealEnvelope.signingInput(TOKEN, CanonicalJson.parse(payload), timestamp));
        String token = TOKEN;
        if (which == 0) {
            payload = payload.replace("\"" + argument + "\"", "\"" + argument + "x\"");
        } else if (which == 1) {
            token = TOKEN + "A";
        } else {
            timestamp = String.format("2026-11-28T14:05:%02dZ", seconds);
        }

        SealEnvelope tampered = SealEnvelope.parse(envelope(token, signature, payload, timestamp));

        assertThat(AGENT_KEY.verifies(tampered.signingInput(), tampered.signature())).isFalse();
    }

    @Test
    void parse_otherProtocol_refusedAsUnsupported() {
        String json = envelopeJson(TOKEN, "{}", "2026-11-28T14:05:09Z").replace("seal/v1", "seal/v2");

        assertThatThrownBy(() -> SealEnvelope.parse(json))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("seal.protocol_unsupported");
    }

    @Test
    void parse_missingPayloadOrBadTimestamp_refusedAsMalformed() {
        String noPayload = "{\"protocol\":\"seal/v1\",\"security_token\":\"t\",\"signature\":\"AA\",\"timestamp\":\"2026-11-28T14:05:09Z\"}";
        String localTime = envelopeJson(TOKEN, "{}", "2026-11-28T14:05:09+01:00");

        assertThatThrownBy(() -> SealEnvelope.parse(noPayload))
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("seal.envelope_malformed");
        assertThatThrownBy(() -> SealEnvelope.parse(localTime))
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("seal.envelope_malformed");
        assertThatThrownBy(() -> SealEnvelope.parse("[1]"))
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("seal.envelope_malformed");
    }

    @Test
    void fromPayload_notToolsCall_refused() {
        assertThatThrownBy(() -> SealToolCall.fromPayload(CanonicalJson.parse(
                "{\"jsonrpc\":\"2.0\",\"method\":\"tools/list\"}")))
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("seal.payload_invalid");
        assertThatThrownBy(() -> SealToolCall.fromPayload(CanonicalJson.parse(
                "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"x\",\"arguments\":[]}}")))
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("seal.payload_invalid");
    }

    @Test
    void agentKey_base64UrlRoundTrip_keepsKeyAndRefusesWrongLength() {
        assertThat(SealAgentKey.fromBase64Url(AGENT_KEY.toBase64Url())).isEqualTo(AGENT_KEY);
        assertThatThrownBy(() -> SealAgentKey.fromBase64Url("AAAA"))
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("seal.agent_key_invalid");
    }

    static String envelopeJson(String token, String payload, String timestamp) {
        byte[] signature = sign(SealEnvelope.signingInput(token, CanonicalJson.parse(payload), timestamp));
        return envelope(token, signature, payload, timestamp);
    }

    static String envelope(String token, byte[] signature, String payload, String timestamp) {
        return "{\"protocol\":\"seal/v1\",\"security_token\":\"" + token + "\",\"signature\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signature) + "\",\"payload\":" + payload
                + ",\"timestamp\":\"" + timestamp + "\"}";
    }

    static byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(AGENT.getPrivate());
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
