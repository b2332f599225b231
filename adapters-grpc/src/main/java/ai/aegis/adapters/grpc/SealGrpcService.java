package ai.aegis.adapters.grpc;

import ai.aegis.application.port.in.BeginExecutionCommand;
import ai.aegis.application.port.in.BeginExecutionUseCase;
import ai.aegis.application.port.in.BegunExecution;
import ai.aegis.application.port.in.VerifiedSealCall;
import ai.aegis.application.port.in.VerifySealEnvelopeCommand;
import ai.aegis.application.port.in.VerifySealEnvelopeUseCase;
import ai.aegis.domain.node.NodeId;
import ai.aegis.domain.seal.CanonicalJson;
import ai.aegis.domain.seal.SealAgentKey;
import ai.aegis.proto.v1.AttestRequest;
import ai.aegis.proto.v1.AttestResponse;
import ai.aegis.proto.v1.InvokeRequest;
import ai.aegis.proto.v1.InvokeResponse;
import ai.aegis.proto.v1.SealServiceGrpc;
import io.grpc.stub.StreamObserver;
import java.util.Objects;

/**
 * {@code aegis.v1.SealService}: attestation for the lease holder (the grant comes from the execution
 * record) and envelope verification in the protocol's order; refusals are statuses with the reason
 * code trailer.
 */
public final class SealGrpcService extends SealServiceGrpc.SealServiceImplBase {

    private final BeginExecutionUseCase begin;
    private final VerifySealEnvelopeUseCase verify;

    public SealGrpcService(BeginExecutionUseCase begin, VerifySealEnvelopeUseCase verify) {
        this.begin = Objects.requireNonNull(begin, "begin");
        this.verify = Objects.requireNonNull(verify, "verify");
    }

    @Override
    public void attest(AttestRequest request, StreamObserver<AttestResponse> response) {
        Calls.unary(response, () -> {
            BegunExecution begun = begin.begin(new BeginExecutionCommand(NodeId.of(request.getNodeId()),
                    ProtoMapper.executionId(request.getExecutionId()), SealAgentKey.fromBase64Url(request.getAgentPublicKey())));
            return AttestResponse.newBuilder()
                    .setSealToken(begun.securityToken().compact())
                    .setExpiresAt(ProtoMapper.timestamp(begun.securityToken().token().expiresAt()))
                    .build();
        });
    }

    @Override
    public void invoke(InvokeRequest request, StreamObserver<InvokeResponse> response) {
        Calls.unary(response, () -> {
            VerifiedSealCall call = verify.verify(new VerifySealEnvelopeCommand(request.getEnvelopeJson()));
            return InvokeResponse.newBuilder()
                    .setDecision("allowed")
                    .setToolName(call.call().toolName())
                    .setArgumentsJson(CanonicalJson.serialize(call.call().arguments()))
                    .setExecutionId(call.token().execution().orElse(""))
                    .setSecurityContext(call.token().securityContext().value())
                    .build();
        });
    }
}
