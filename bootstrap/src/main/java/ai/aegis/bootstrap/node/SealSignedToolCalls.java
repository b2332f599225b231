package ai.aegis.bootstrap.node;

import ai.aegis.adapters.grpc.node.GrpcNodeClient;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.seal.CanonicalJson;
import ai.aegis.domain.seal.JsonValue;
import ai.aegis.domain.seal.SealEnvelope;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local node's {@link SealToolChannel}: each tool call of a sandboxed program becomes an MCP
 * {@code tools/call} payload in a SEAL envelope signed with the execution's agent key, sent to
 * {@code SealService.Invoke}; only what the service verified and allowed runs, with the arguments it
 * verified ({@link ProgramTools}). Refusals come back as the
 * service's {@code DomainException}.
 */
final class SealSignedToolCalls implements SealToolChannel {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final GrpcNodeClient client;
    private final String securityToken;
    private final PrivateKey agentKey;
    private final ProgramTools tools;
    private final AtomicLong ids = new AtomicLong();

    SealSignedToolCalls(GrpcNodeClient client, String securityToken, PrivateKey agentKey, ProgramTools tools) {
        this.client = Objects.requireNonNull(client, "client");
        this.securityToken = Objects.requireNonNull(securityToken, "securityToken");
        this.agentKey = Objects.requireNonNull(agentKey, "agentKey");
        this.tools = Objects.requireNonNull(tools, "tools");
    }

    @Override
    public String call(ExecutionId executionId, String toolName, String argumentsJson) {
        JsonValue payload = CanonicalJson.parse("{\"jsonrpc\":\"2.0\",\"id\":" + ids.incrementAndGet()
                + ",\"method\":\"tools/call\",\"params\":{\"name\":" + JSON.writeValueAsString(toolName)
                + ",\"arguments\":" + argumentsJson + "}}");
        Instant sent = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String envelope = SealEnvelope.of(securityToken, sign(SealEnvelope.signingInput(securityToken, payload,
                sent.toString())), payload, sent).toJson();
        GrpcNodeClient.AllowedToolCall allowed = client.invoke(envelope);
        Map<String, Object> verifiedArguments = JSON.readValue(allowed.argumentsJson(), OBJECT);
        return JSON.writeValueAsString(tools.run(allowed.toolName(), verifiedArguments));
    }

    private byte[] sign(byte[] input) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(agentKey);
            signer.update(input);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot sign with Ed25519", e);
        }
    }
}
