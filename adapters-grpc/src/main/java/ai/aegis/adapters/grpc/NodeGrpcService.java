package ai.aegis.adapters.grpc;

import ai.aegis.application.port.in.BeginExecutionCommand;
import ai.aegis.application.port.in.BeginExecutionUseCase;
import ai.aegis.application.port.in.BegunExecution;
import ai.aegis.application.port.in.ClaimWorkCommand;
import ai.aegis.application.port.in.ClaimWorkUseCase;
import ai.aegis.application.port.in.ClaimedWork;
import ai.aegis.application.port.in.HeartbeatNodeCommand;
import ai.aegis.application.port.in.HeartbeatNodeUseCase;
import ai.aegis.application.port.in.NodeHeartbeat;
import ai.aegis.application.port.in.RegisterNodeCommand;
import ai.aegis.application.port.in.RegisterNodeUseCase;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.node.NodeId;
import ai.aegis.domain.seal.SealAgentKey;
import ai.aegis.proto.v1.Assignment;
import ai.aegis.proto.v1.BeginExecutionRequest;
import ai.aegis.proto.v1.BeginExecutionResponse;
import ai.aegis.proto.v1.ClaimWorkRequest;
import ai.aegis.proto.v1.ClaimWorkResponse;
import ai.aegis.proto.v1.HeartbeatRequest;
import ai.aegis.proto.v1.HeartbeatResponse;
import ai.aegis.proto.v1.NodeServiceGrpc;
import ai.aegis.proto.v1.RegisterNodeRequest;
import ai.aegis.proto.v1.RegisterNodeResponse;
import ai.aegis.proto.v1.ServerInfo;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/** {@code aegis.v1.NodeService}: registration, heartbeats and leased work, behind {@link NodeAuthInterceptor}. */
public final class NodeGrpcService extends NodeServiceGrpc.NodeServiceImplBase {

    private final RegisterNodeUseCase register;
    private final HeartbeatNodeUseCase heartbeat;
    private final ClaimWorkUseCase claim;
    private final BeginExecutionUseCase begin;
    private final Duration leaseTtl;
    private final String serverVersion;

    public NodeGrpcService(RegisterNodeUseCase register, HeartbeatNodeUseCase heartbeat, ClaimWorkUseCase claim,
            BeginExecutionUseCase begin, Duration leaseTtl, String serverVersion) {
        this.register = Objects.requireNonNull(register, "register");
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
        this.claim = Objects.requireNonNull(claim, "claim");
        this.begin = Objects.requireNonNull(begin, "begin");
        this.leaseTtl = Objects.requireNonNull(leaseTtl, "leaseTtl");
        this.serverVersion = Objects.requireNonNull(serverVersion, "serverVersion");
    }

    @Override
    public void register(RegisterNodeRequest request, StreamObserver<RegisterNodeResponse> response) {
        Calls.unary(response, () -> {
            Set<TenantId> dedicated = new HashSet<>();
            request.getDedicatedTenantsList().forEach(tenant -> dedicated.add(TenantId.of(tenant)));
            register.register(new RegisterNodeCommand(NodeId.of(request.getNodeId()), request.getCapacity(),
                    request.getLabelsMap(), new HashSet<>(request.getRuntimesList()), dedicated));
            return RegisterNodeResponse.newBuilder()
                    .setServer(ServerInfo.newBuilder().setVersion(serverVersion).setApi("aegis.v1"))
                    .setLeaseTtlSeconds((int) leaseTtl.toSeconds())
                    .build();
        });
    }

    @Override
    public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> response) {
        Calls.unary(response, () -> {
            NodeHeartbeat beat = heartbeat.heartbeat(new HeartbeatNodeCommand(NodeId.of(request.getNodeId())));
            HeartbeatResponse.Builder builder = HeartbeatResponse.newBuilder()
                    .setLeasesUntil(ProtoMapper.timestamp(beat.leasesUntil()))
                    .setLeasesHeld(beat.leasesHeld());
            for (ExecutionId stop : beat.stop()) {
                builder.addStopExecutionIds(stop.value());
            }
            return builder.build();
        });
    }

    @Override
    public void claimWork(ClaimWorkRequest request, StreamObserver<ClaimWorkResponse> response) {
        Calls.unary(response, () -> {
            int max = request.getMax() <= 0 ? 1 : request.getMax();
            ClaimWorkResponse.Builder builder = ClaimWorkResponse.newBuilder();
            for (ClaimedWork work : claim.claim(new ClaimWorkCommand(NodeId.of(request.getNodeId()), max))) {
                Assignment.Builder assignment = Assignment.newBuilder()
                        .setExecution(ProtoMapper.execution(work.execution()))
                        .setLeaseExpiresAt(ProtoMapper.timestamp(work.lease().expiresAt()));
                work.task().ifPresent(task -> assignment.setTask(ProtoMapper.task(task)));
                builder.addAssignments(assignment);
            }
            return builder.build();
        });
    }

    @Override
    public void beginExecution(BeginExecutionRequest request, StreamObserver<BeginExecutionResponse> response) {
        Calls.unary(response, () -> {
            BegunExecution begun = begin.begin(new BeginExecutionCommand(NodeId.of(request.getNodeId()),
                    ProtoMapper.executionId(request.getExecutionId()), SealAgentKey.fromBase64Url(request.getAgentPublicKey())));
            BeginExecutionResponse.Builder answer = BeginExecutionResponse.newBuilder()
                    .setExecution(ProtoMapper.execution(begun.execution()))
                    .setSealToken(begun.securityToken().compact())
                    .setSealTokenExpiresAt(ProtoMapper.timestamp(begun.securityToken().token().expiresAt()));
            begun.ownModelKey().ifPresent(key -> answer.setOwnModelApiKey(key.reveal()));
            return answer.build();
        });
    }
}
