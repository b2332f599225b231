package ai.aegis.domain.seal;

import ai.aegis.domain.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A SEAL envelope {@code {protocol:"seal/v1", security_token, signature, payload, timestamp}}: an
 * agent's tool call ({@code payload}, an MCP JSON-RPC message) sent under a SEAL token, signed
 * with the agent's Ed25519 key over the RFC 8785 canonical JSON of
 * {@code {payload, security_token, timestamp}}.
 *
 * <p>The timestamp is an RFC 3339 UTC instant in a JSON string ({@code 2026-11-28T14:05:09Z},
 * fractions allowed). The signature is the 64-byte Ed25519 signature in base64url without
 * padding. Parsing checks shape only; trust comes from the verifier.
 */
public record SealEnvelope(String securityToken, byte[] signature, JsonValue payload, String timestamp,
        Instant timestampInstant) {

    /** The only protocol version understood. */
    public static final String PROTOCOL = "seal/v1";

    /** Largest envelope text accepted. */
    public static final int MAX_LENGTH = 1024 * 1024;

    public SealEnvelope {
        Objects.requireNonNull(securityToken, "securityToken");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(timestampInstant, "timestampInstant");
        signature = signature.clone();
    }

    /**
     * Reads an envelope from JSON text.
     *
     * @throws InvalidInputException {@code seal.envelope_malformed} (not an envelope) or
     *     {@code seal.protocol_unsupported} (another protocol version)
     */
    public static SealEnvelope parse(String json) {
        if (json != null && json.length() > MAX_LENGTH) {
            throw malformed("the envelope is larger than 1 MiB");
        }
        JsonValue root;
        try {
            root = CanonicalJson.parse(json);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("seal.envelope_malformed", "the SEAL envelope is not valid JSON", e);
        }
        if (!(root instanceof JsonValue.JsonObject object)) {
            throw malformed("the SEAL envelope must be a JSON object");
        }
        String protocol = requireString(object, "protocol");
        if (!PROTOCOL.equals(protocol)) {
            throw new InvalidInputException("seal.protocol_unsupported",
                    "the SEAL envelope protocol must be \"" + PROTOCOL + "\"");
        }
        String token = requireString(object, "security_token");
        String signatureText = requireString(object, "signature");
        JsonValue payload = object.get("payload");
        if (payload == null) {
            throw malformed("the SEAL envelope has no payload");
        }
        String timestamp = requireString(object, "timestamp");
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(signatureText);
        } catch (IllegalArgumentException e) {
            throw malformed("the SEAL envelope signature is not base64url");
        }
        return new SealEnvelope(token, signature, payload, timestamp, parseTimestamp(timestamp));
    }

    /** The envelope for a signed call, as an agent builds it (used by agent tooling and tests). */
    public static SealEnvelope of(String securityToken, byte[] signature, JsonValue payload, Instant timestamp) {
        return new SealEnvelope(securityToken, signature, payload, timestamp.toString(), timestamp);
    }

    /**
     * The exact bytes the agent signs: UTF-8 of the RFC 8785 canonical JSON of
     * {@code {payload, security_token, timestamp}}.
     */
    public static byte[] signingInput(String securityToken, JsonValue payload, String timestamp) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("payload", payload);
        members.put("security_token", new JsonValue.JsonString(securityToken));
        members.put("timestamp", new JsonValue.JsonString(timestamp));
        return CanonicalJson.serialize(new JsonValue.JsonObject(members)).getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes this envelope's signature must cover. */
    public byte[] signingInput() {
        return signingInput(securityToken, payload, timestamp);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The envelope as canonical JSON text. */
    public String toJson() {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("protocol", new JsonValue.JsonString(PROTOCOL));
        members.put("security_token", new JsonValue.JsonString(securityToken));
        members.put("signature", new JsonValue.JsonString(Base64.getUrlEncoder().withoutPadding().encodeToString(signature)));
        members.put("payload", payload);
        members.put("timestamp", new JsonValue.JsonString(timestamp));
        return CanonicalJson.serialize(new JsonValue.JsonObject(members));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealEnvelope that && securityToken.equals(that.securityToken)
                && java.util.Arrays.equals(signature, that.signature) && payload.equals(that.payload)
                && timestamp.equals(that.timestamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(securityToken, java.util.Arrays.hashCode(signature), payload, timestamp);
    }

    @Override
    public String toString() {
        return "SealEnvelope[timestamp=" + timestamp + "]";
    }

    private static Instant parseTimestamp(String text) {
        if (!text.endsWith("Z")) {
            throw malformed("the SEAL envelope timestamp must be an RFC 3339 UTC instant ending in Z");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw malformed("the SEAL envelope timestamp must be an RFC 3339 UTC instant ending in Z");
        }
    }

    private static String requireString(JsonValue.JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (!(value instanceof JsonValue.JsonString string)) {
            throw malformed("the SEAL envelope member \"" + name + "\" must be a string");
        }
        return string.value();
    }

    private static InvalidInputException malformed(String message) {
        return new InvalidInputException("seal.envelope_malformed", message);
    }
}
