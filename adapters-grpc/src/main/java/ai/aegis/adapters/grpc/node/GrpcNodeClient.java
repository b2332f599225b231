package ai.aegis.adapters.grpc.node;

import ai.aegis.adapters.grpc.GrpcErrors;
import ai.aegis.adapters.grpc.NodeAuthInterceptor;
import ai.aegis.adapters.grpc.ProtoMapper;
import ai.aegis.adapters.grpc.SealTokenInterceptor;
import ai.aegis.application.port.out.ModelApiKey;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.error.UnauthenticatedException;
import ai.aegis.domain.error.UnavailableException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionOutput;
import ai.aegis.domain.execution.TaskSpec;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEventKind;
import ai.aegis.domain.node.NodeId;
import ai.aegis.domain.seal.SealAgentKey;
import ai.aegis.domain.security.SecurityContext;
import ai.aegis.proto.v1.BeginExecutionRequest;
import ai.aegis.proto.v1.BeginExecutionResponse;
import ai.aegis.proto.v1.CancelExecutionRequest;
import ai.aegis.proto.v1.ClaimWorkRequest;
import ai.aegis.proto.v1.ExecutionEvent;
import ai.aegis.proto.v1.ExecutionServiceGrpc;
import ai.aegis.proto.v1.FinishExecutionRequest;
import ai.aegis.proto.v1.GetExecutionRequest;
import ai.aegis.proto.v1.HeartbeatRequest;
import ai.aegis.proto.v1.HeartbeatResponse;
import ai.aegis.proto.v1.NodeServiceGrpc;
import ai.aegis.proto.v1.RegisterNodeRequest;
import ai.aegis.proto.v1.ReportIterationRequest;
import ai.aegis.proto.v1.SpawnChildRequest;
import ai.aegis.proto.v1.WatchExecutionRequest;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * The node side of {@code aegis.v1}: what a node (the local one in {@code aegis serve}, or a remote
 * one) calls to register, heartbeat, claim and begin work, and then act on one execution with its
 * SEAL token ({@link ForExecution}). Refusals come back as the domain exceptions they were on the
 * server (same kind and reason code), so a node reacts to {@code execution.iterations_exhausted}
 * or {@code seal.token_revoked} without parsing text. Thread-safe; one client per node.
 */
public final class GrpcNodeClient implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final ManagedChannel channel;
    private final boolean ownsChannel;
    private final NodeId nodeId;
    private final Metadata nodeHeaders;

    private GrpcNodeClient(ManagedChannel channel, boolean ownsChannel, NodeId nodeId, Optional<String> nodeToken) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.ownsChannel = ownsChannel;
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.nodeHeaders = new Metadata();
        nodeToken.ifPresent(token -> nodeHeaders.put(NodeAuthInterceptor.NODE_TOKEN, token));
    }

    /** A client over an existing channel (for example in-process); the caller closes the channel. */
    public static GrpcNodeClient over(ManagedChannel channel, NodeId nodeId, Optional<String> nodeToken) {
        return new GrpcNodeClient(channel, false, nodeId, nodeToken);
    }

    /** Plaintext connection (same host, or a trusted network). */
    public static GrpcNodeClient connect(String host, int port, NodeId nodeId, String nodeToken) {
        return new GrpcNodeClient(NettyChannelBuilder.forAddress(host, port).usePlaintext().build(), true, nodeId,
                Optional.of(nodeToken));
    }

    /**
     * TLS connection trusting {@code serverCa}; with {@code clientCertificate} and {@code clientKey}
     * the node authenticates by mutual TLS (then {@code nodeToken} may be empty).
     */
    public static GrpcNodeClient connectTls(String host, int port, NodeId nodeId, Optional<String> nodeToken, Path serverCa,
            Optional<Path> clientCertificate, Optional<Path> clientKey) {
        try {
            SslContextBuilder ssl = GrpcSslContexts.forClient().trustManager(serverCa.toFile());
            if (clientCertificate.isPresent() && clientKey.isPresent()) {
                ssl.keyManager(clientCertificate.get().toFile(), clientKey.get().toFile());
            }
            return new GrpcNodeClient(NettyChannelBuilder.forAddress(host, port).sslContext(ssl.build()).build(), true,
                    nodeId, nodeToken);
        } catch (SSLException | IllegalArgumentException e) {
            throw new UncheckedIOException("cannot set up TLS to the aegis service: " + e.getMessage(),
                    new java.io.IOException(e.getMessage(), e));
        }
    }

    public NodeId nodeId() {
        return nodeId;
    }

    private ClientInterceptor nodeAuth() {
        return MetadataUtils.newAttachHeadersInterceptor(nodeHeaders);
    }

    private NodeServiceGrpc.NodeServiceBlockingStub nodes() {
        return NodeServiceGrpc.newBlockingStub(channel).withInterceptors(nodeAuth())
                .withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Sends a signed SEAL envelope to {@code SealService.Invoke}; answers the tool call the service
     * verified and allowed (its name and arguments as canonical JSON).
     *
     * @throws DomainException the service's refusal (bad token or signature, replay, policy, rate limit)
     */
    public AllowedToolCall invoke(String envelopeJson) {
        ai.aegis.proto.v1.InvokeResponse response = call(() -> ai.aegis.proto.v1.SealServiceGrpc.newBlockingStub(channel)
                .withInterceptors(nodeAuth()).withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .invoke(ai.aegis.proto.v1.InvokeRequest.newBuilder().setEnvelopeJson(envelopeJson).build()));
        return new AllowedToolCall(response.getToolName(), response.getArgumentsJson(), response.getExecutionId());
    }

    /** A tool call SEAL verified and allowed. */
    public record AllowedToolCall(String toolName, String argumentsJson, String executionId) {
    }

    /** Registers (again); answers the lease time-to-live to heartbeat within (a third of it is a good period). */
    public Duration register(int capacity, Map<String, String> labels, Set<String> runtimes, Set<TenantId> dedicatedTenants) {
        RegisterNodeRequest.Builder request = RegisterNodeRequest.newBuilder().setNodeId(nodeId.value())
                .setCapacity(capacity).putAllLabels(labels).addAllRuntimes(runtimes);
        dedicatedTenants.forEach(tenant -> request.addDedicatedTenants(tenant.value()));
        return Duration.ofSeconds(call(() -> nodes().register(request.build())).getLeaseTtlSeconds());
    }

    /** Renews every lease; answers the executions that ended without this node (stop their work now). */
    public List<ExecutionId> heartbeat() {
        HeartbeatResponse response = call(() -> nodes().heartbeat(HeartbeatRequest.newBuilder()
                .setNodeId(nodeId.value()).build()));
        List<ExecutionId> stop = new ArrayList<>();
        response.getStopExecutionIdsList().forEach(id -> stop.add(ExecutionId.of(id)));
        return stop;
    }

    /** Leases up to {@code max} pending executions this node may run. */
    public List<NodeExecution> claim(int max) {
        List<NodeExecution> claimed = new ArrayList<>();
        claimAssignments(max).forEach(assignment -> claimed.add(assignment.execution()));
        return claimed;
    }

    /** Leases up to {@code max} pending executions this node may run, each with the task it was given. */
    public List<NodeAssignment> claimAssignments(int max) {
        List<NodeAssignment> claimed = new ArrayList<>();
        call(() -> nodes().claimWork(ClaimWorkRequest.newBuilder().setNodeId(nodeId.value()).setMax(max).build()))
                .getAssignmentsList().forEach(assignment -> claimed.add(new NodeAssignment(
                        execution(assignment.getExecution()),
                        assignment.hasTask() ? Optional.of(ProtoMapper.task(assignment.getTask())) : Optional.empty())));
        return claimed;
    }

    /**
     * Begins a leased execution (its first attempt starts) with the agent key that will sign its SEAL
     * envelopes; called again on a running execution, only refreshes the token.
     */
    public ForExecution begin(ExecutionId executionId, SealAgentKey agentKey) {
        BeginExecutionResponse begun = call(() -> nodes().beginExecution(BeginExecutionRequest.newBuilder()
                .setNodeId(nodeId.value()).setExecutionId(executionId.value())
                .setAgentPublicKey(agentKey.toBase64Url()).build()));
        return new ForExecution(execution(begun.getExecution()), begun.getSealToken(),
                instant(begun.getSealTokenExpiresAt()), begun.getOwnModelApiKey().isEmpty() ? Optional.empty()
                        : Optional.of(ModelApiKey.of(begun.getOwnModelApiKey())));
    }

    /** Calls about one execution, authenticated by its SEAL token. */
    public final class ForExecution {

        private final NodeExecution execution;
        private final String sealToken;
        private final Instant tokenExpiresAt;
        private final Optional<ModelApiKey> ownModelKey;

        private ForExecution(NodeExecution execution, String sealToken, Instant tokenExpiresAt,
                Optional<ModelApiKey> ownModelKey) {
            this.execution = execution;
            this.sealToken = sealToken;
            this.tokenExpiresAt = tokenExpiresAt;
            this.ownModelKey = ownModelKey;
        }

        /** The owner's own model API key while their BYOK is on (a secret): the model calls for this execution use it. */
        public Optional<ModelApiKey> ownModelKey() {
            return ownModelKey;
        }

        /** The execution as it was when the token was issued. */
        public NodeExecution execution() {
            return execution;
        }

        /** The SEAL token: a bearer credential for this execution; sign envelopes with it, never log it. */
        public String sealToken() {
            return sealToken;
        }

        public Instant tokenExpiresAt() {
            return tokenExpiresAt;
        }

        private String id() {
            return execution.id().value();
        }

        private ExecutionServiceGrpc.ExecutionServiceBlockingStub stub() {
            Metadata token = new Metadata();
            token.put(SealTokenInterceptor.SEAL_TOKEN, sealToken);
            return ExecutionServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(nodeAuth(), MetadataUtils.newAttachHeadersInterceptor(token))
                    .withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Reports an iteration step; answers its plain-English sentence. */
        public String report(IterationEventKind kind, Optional<String> detail) {
            ReportIterationRequest.Builder request = ReportIterationRequest.newBuilder().setExecutionId(id())
                    .setKind(ai.aegis.proto.v1.IterationKind.valueOf("ITERATION_KIND_" + kind.name()));
            detail.ifPresent(request::setDetail);
            return call(() -> stub().reportIteration(request.build())).getEvent().getSentence();
        }

        /** Spawns a child; absent values inherit the parent's (the ceiling rule refuses anything wider). */
        public NodeExecution spawn(Optional<SecurityContext> context, Optional<Instant> deadline, OptionalLong memoryBytes,
                OptionalInt maxIterations) {
            return spawn(context, deadline, memoryBytes, maxIterations, Optional.empty());
        }

        /** Spawns a child carrying {@code task} for the node that will claim it. */
        public NodeExecution spawn(Optional<SecurityContext> context, Optional<Instant> deadline, OptionalLong memoryBytes,
                OptionalInt maxIterations, Optional<TaskSpec> task) {
            SpawnChildRequest.Builder request = SpawnChildRequest.newBuilder().setParentId(id());
            task.ifPresent(t -> request.setTask(ProtoMapper.task(t)));
            context.ifPresent(c -> request.setSecurityContext(WireForms.context(c)));
            deadline.ifPresent(d -> request.setDeadline(WireForms.timestamp(d)));
            memoryBytes.ifPresent(request::setMemoryBytes);
            maxIterations.ifPresent(request::setMaxIterations);
            return WireForms.execution(call(() -> stub().spawnChild(request.build())).getChild());
        }

        public void complete(Optional<String> detail) {
            complete(detail, Optional.empty());
        }

        /** Completes the execution, handing over what its last run produced. */
        public void complete(Optional<String> detail, Optional<ExecutionOutput> output) {
            call(() -> stub().complete(finishing(detail, output)));
        }

        public void fail(Optional<String> detail) {
            fail(detail, Optional.empty());
        }

        /** Fails the execution, handing over what its last run produced. */
        public void fail(Optional<String> detail, Optional<ExecutionOutput> output) {
            call(() -> stub().fail(finishing(detail, output)));
        }

        private FinishExecutionRequest finishing(Optional<String> detail, Optional<ExecutionOutput> output) {
            FinishExecutionRequest.Builder request = FinishExecutionRequest.newBuilder().setExecutionId(id())
                    .setDetail(detail.orElse(""));
            output.ifPresent(o -> request.setOutput(ProtoMapper.output(o)));
            return request.build();
        }

        /** Cancels this execution and everything beneath it. */
        public void cancel() {
            call(() -> stub().cancel(CancelExecutionRequest.newBuilder().setExecutionId(id()).build()));
        }

        public NodeExecution get() {
            return WireForms.execution(call(() -> stub().get(GetExecutionRequest.newBuilder().setExecutionId(id()).build()))
                    .getExecution());
        }

        /**
         * Watches the execution's tree; {@code events} runs on a gRPC thread for each event (the first
         * ones describe the tree as it stands), {@code ended} once with the refusal or stream end
         * ({@code null} for a normal end). Close the answer to stop watching.
         */
        public AutoCloseable watch(Consumer<NodeExecutionEvent> events, Consumer<DomainException> ended) {
            Metadata token = new Metadata();
            token.put(SealTokenInterceptor.SEAL_TOKEN, sealToken);
            io.grpc.Context.CancellableContext scope = io.grpc.Context.current().withCancellation();
            scope.run(() -> ExecutionServiceGrpc.newStub(channel)
                    .withInterceptors(nodeAuth(), MetadataUtils.newAttachHeadersInterceptor(token))
                    .watch(WatchExecutionRequest.newBuilder().setExecutionId(id()).build(), new StreamObserver<>() {
                        @Override
                        public void onNext(ExecutionEvent event) {
                            WireForms.events(event).forEach(events);
                        }

                        @Override
                        public void onError(Throwable t) {
                            ended.accept(t instanceof StatusRuntimeException status ? refusal(status)
                                    : new UnavailableException("node.watch_failed", "the watch stopped unexpectedly"));
                        }

                        @Override
                        public void onCompleted() {
                            ended.accept(null);
                        }
                    }));
            return () -> scope.cancel(null);
        }
    }

    private static NodeExecution execution(ai.aegis.proto.v1.Execution wire) {
        return WireForms.execution(wire);
    }

    private static Instant instant(com.google.protobuf.Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            throw refusal(e);
        }
    }

    /** The domain exception a status carried (kind from the status code, reason from the trailer). */
    static DomainException refusal(StatusRuntimeException e) {
        String code = e.getTrailers() == null ? null : e.getTrailers().get(GrpcErrors.ERROR_CODE);
        String message = e.getStatus().getDescription() == null ? "the aegis service refused the call"
                : e.getStatus().getDescription();
        if (code == null) {
            code = "grpc." + e.getStatus().getCode().name().toLowerCase(java.util.Locale.ROOT);
        }
        switch (e.getStatus().getCode()) {
            case INVALID_ARGUMENT:
                return new InvalidInputException(code, message);
            case UNAUTHENTICATED:
                return new UnauthenticatedException(code, message);
            case PERMISSION_DENIED:
                return new AccessDeniedException(code, message);
            case NOT_FOUND:
                return new NotFoundException(code, message);
            case FAILED_PRECONDITION:
                return new PreconditionFailedException(code, message);
            case ALREADY_EXISTS:
                return new AlreadyExistsException(code, message);
            case RESOURCE_EXHAUSTED:
                return new LimitExceededException(code, message);
            default:
                return new UnavailableException(code, "the aegis service could not answer: " + message);
        }
    }

    @Override
    public void close() {
        if (ownsChannel) {
            channel.shutdown();
            try {
                if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                    channel.shutdownNow();
                }
            } catch (InterruptedException e) {
                channel.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
