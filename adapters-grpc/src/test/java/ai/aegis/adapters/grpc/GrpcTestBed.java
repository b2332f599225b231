package ai.aegis.adapters.grpc;

import ai.aegis.application.memory.InMemoryAuditLogAdapter;
import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.memory.InMemoryConversationRepositoryAdapter;
import ai.aegis.application.memory.InMemoryExecutionRepositoryAdapter;
import ai.aegis.application.memory.InMemoryIdGeneratorAdapter;
import ai.aegis.application.memory.InMemoryIterationEventRepositoryAdapter;
import ai.aegis.application.memory.InMemoryLimitOverridesAdapter;
import ai.aegis.application.memory.InMemoryNodeRegistryAdapter;
import ai.aegis.application.memory.InMemorySealNonceAdapter;
import ai.aegis.application.memory.InMemorySealRevocationAdapter;
import ai.aegis.application.memory.InMemorySealSessionAdapter;
import ai.aegis.application.memory.InMemoryWorkClaimAdapter;
import ai.aegis.application.port.in.AuthenticateCallerUseCase;
import ai.aegis.application.port.in.AuthenticatedCaller;
import ai.aegis.application.port.in.StartConversationCommand;
import ai.aegis.application.port.in.StartRootExecutionCommand;
import ai.aegis.application.port.out.IssueSecurityTokenPort;
import ai.aegis.application.port.out.VerifySecurityTokenPort;
import ai.aegis.application.service.ConversationService;
import ai.aegis.application.service.ExecutionCallerService;
import ai.aegis.application.service.ExecutionEventFanOut;
import ai.aegis.application.service.ExecutionQueryService;
import ai.aegis.application.service.ExecutionService;
import ai.aegis.application.service.ExecutionWatchService;
import ai.aegis.application.service.IterationBudgetService;
import ai.aegis.application.service.NodeService;
import ai.aegis.application.service.OperatorExecutionService;
import ai.aegis.application.service.SealAttestationService;
import ai.aegis.application.service.SealEnvelopeVerificationService;
import ai.aegis.application.service.SecurityContextToolPolicy;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.error.UnauthenticatedException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.seal.CanonicalJson;
import ai.aegis.domain.seal.JsonValue;
import ai.aegis.domain.seal.SealAgentKey;
import ai.aegis.domain.seal.SealEnvelope;
import ai.aegis.domain.seal.SecurityToken;
import ai.aegis.domain.seal.SignedSecurityToken;
import ai.aegis.domain.security.SecurityContextName;
import ai.aegis.proto.v1.BeginExecutionRequest;
import ai.aegis.proto.v1.BeginExecutionResponse;
import ai.aegis.proto.v1.ClaimWorkRequest;
import ai.aegis.proto.v1.ExecutionServiceGrpc;
import ai.aegis.proto.v1.NodeServiceGrpc;
import ai.aegis.proto.v1.OperatorAdminServiceGrpc;
import ai.aegis.proto.v1.RegisterNodeRequest;
import ai.aegis.proto.v1.SealServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gRPC surface on a real in-process server over the real use cases and the in-memory twins.
 * Boundary doubles only where another adapter owns the real thing: SEAL token signing (tokens are
 * opaque {@code seal.<jti>} strings looked up on verification) and operator JWT verification.
 */
final class GrpcTestBed implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-28T12:00:00Z");
    static final String NODE_SECRET = "node-secret-for-tests-0123456789";
    static final String OPERATOR = "aaaa.operator.sig";
    static final String READONLY = "aaaa.readonly.sig";
    static final String CONSUMER = "aaaa.consumer.sig";
    static final Duration LEASE_TTL = Duration.ofSeconds(30);

    final InMemoryClockAdapter clock = new InMemoryClockAdapter(START);
    final InMemoryIdGeneratorAdapter ids = new InMemoryIdGeneratorAdapter();
    final InMemoryConversationRepositoryAdapter conversations = new InMemoryConversationRepositoryAdapter();
    final InMemoryExecutionRepositoryAdapter executionStore = new InMemoryExecutionRepositoryAdapter();
    final InMemoryIterationEventRepositoryAdapter iterations = new InMemoryIterationEventRepositoryAdapter();
    final InMemoryLimitOverridesAdapter overrides = new InMemoryLimitOverridesAdapter();
    final InMemoryAuditLogAdapter audit = new InMemoryAuditLogAdapter();
    final InMemorySealRevocationAdapter revocations = new InMemorySealRevocationAdapter(clock);
    final InMemorySealSessionAdapter sessions = new InMemorySealSessionAdapter(clock);
    final InMemoryNodeRegistryAdapter registry = new InMemoryNodeRegistryAdapter();
    final InMemoryWorkClaimAdapter work = new InMemoryWorkClaimAdapter(executionStore, registry);
    final ExecutionEventFanOut fanOut = new ExecutionEventFanOut();
    final TestSealTokens tokens = new TestSealTokens();
    final ConversationService conversationService = new ConversationService(conversations, ids, audit, clock);
    final ai.aegis.application.memory.InMemoryExecutionTaskAdapter tasks =
            new ai.aegis.application.memory.InMemoryExecutionTaskAdapter();
    final ExecutionService executions = new ExecutionService(conversations, executionStore, iterations, overrides,
            fanOut, audit, clock, ids, ai.aegis.domain.execution.ExecutionTree.DEFAULT_MAX_DEPTH, tasks);
    final ExecutionQueryService queries = new ExecutionQueryService(executionStore, iterations, audit, clock);
    final SealAttestationService attestation = new SealAttestationService(executionStore, tokens, sessions, clock,
            Duration.ofMinutes(5));
    final NodeService nodes = new NodeService(registry, work, executionStore, overrides, executions, executions,
            attestation, clock, LEASE_TTL, tasks);
    final List<ai.aegis.application.port.in.RecordRefusalCommand> refusals = new CopyOnWriteArrayList<>();
    final ExecutorService watchExecutor = Executors.newCachedThreadPool();
    final KeyPair agent = ed25519();

    private final Server server;
    final ManagedChannel channel;
    final List<ServerServiceDefinition> services;

    GrpcTestBed() {
        ExecutionWatchService watches = new ExecutionWatchService(queries, fanOut);
        SealEnvelopeVerificationService verify = new SealEnvelopeVerificationService(tokens, revocations, sessions,
                (key, message, signature) -> key.verifies(message, signature), new InMemorySealNonceAdapter(clock), new SecurityContextToolPolicy(executionStore),
                (token, call) -> { }, audit, clock);
        services = GrpcServices.nodesAndExecutions(
                NodeCredentials.of(Optional.of(NODE_SECRET)), operators(), refusals::add,
                new NodeGrpcService(nodes, nodes, nodes, nodes, LEASE_TTL, "test"),
                new ExecutionGrpcService(new ExecutionCallerService(tokens, revocations, executionStore, overrides, clock),
                        new IterationBudgetService(executions, executions), executions, executions, executions, queries,
                        queries, watches, watchExecutor),
                new SealGrpcService(nodes, verify),
                new OperatorAdminGrpcService(queries, queries,
                        new OperatorExecutionService(executionStore, overrides, executions, audit, clock), watches,
                        watchExecutor));
        String name = InProcessServerBuilder.generateName();
        InProcessServerBuilder builder = InProcessServerBuilder.forName(name);
        services.forEach(builder::addService);
        try {
            server = builder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @Override
    public void close() {
        channel.shutdownNow();
        server.shutdownNow();
        watchExecutor.shutdownNow();
    }

    // ---- identities and executions, as the MCP side would create them

    static Identity.ZaruUser user(String name, ZaruTier tier) {
        return Identity.zaruUser(ZaruUserId.of(name), TenantId.consumer(UUID.nameUUIDFromBytes(name.getBytes())), tier);
    }

    Execution startRoot(Identity.ZaruUser owner) {
        return executions.start(new StartRootExecutionCommand(owner,
                conversationService.start(new StartConversationCommand(owner, ConversationMode.AGENTIC)).id()));
    }

    // ---- stubs

    static Metadata headers(Map<Metadata.Key<String>, String> values) {
        Metadata headers = new Metadata();
        values.forEach(headers::put);
        return headers;
    }

    NodeServiceGrpc.NodeServiceBlockingStub node() {
        return NodeServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(
                headers(Map.of(NodeAuthInterceptor.NODE_TOKEN, NODE_SECRET))));
    }

    SealServiceGrpc.SealServiceBlockingStub seal() {
        return SealServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(
                headers(Map.of(NodeAuthInterceptor.NODE_TOKEN, NODE_SECRET))));
    }

    ExecutionServiceGrpc.ExecutionServiceBlockingStub executionsAs(String sealToken) {
        return ExecutionServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(
                headers(Map.of(NodeAuthInterceptor.NODE_TOKEN, NODE_SECRET, SealTokenInterceptor.SEAL_TOKEN, sealToken))));
    }

    ExecutionServiceGrpc.ExecutionServiceStub watchAs(String sealToken) {
        return ExecutionServiceGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(
                headers(Map.of(NodeAuthInterceptor.NODE_TOKEN, NODE_SECRET, SealTokenInterceptor.SEAL_TOKEN, sealToken))));
    }

    OperatorAdminServiceGrpc.OperatorAdminServiceBlockingStub admin(String token) {
        return OperatorAdminServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(
                headers(Map.of(OperatorAuthInterceptor.AUTHORIZATION, "Bearer " + token))));
    }

    OperatorAdminServiceGrpc.OperatorAdminServiceStub adminAsync(String token) {
        return OperatorAdminServiceGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(
                headers(Map.of(OperatorAuthInterceptor.AUTHORIZATION, "Bearer " + token))));
    }

    // ---- a node's first steps

    void registerNode(String id, List<String> dedicatedTenants) {
        node().register(RegisterNodeRequest.newBuilder().setNodeId(id).setCapacity(100).addRuntimes("python:3.12")
                .addAllDedicatedTenants(dedicatedTenants).build());
    }

    /** Node {@code nodeId} claims whatever is pending and begins {@code execution}; answers its SEAL token. */
    String begin(String nodeId, Execution execution) {
        node().claimWork(ClaimWorkRequest.newBuilder().setNodeId(nodeId).setMax(100).build());
        BeginExecutionResponse begun = node().beginExecution(BeginExecutionRequest.newBuilder().setNodeId(nodeId)
                .setExecutionId(execution.id().value())
                .setAgentPublicKey(SealAgentKey.fromPublicKey(agent.getPublic()).toBase64Url()).build());
        return begun.getSealToken();
    }

    /** A SEAL envelope for {@code payload}, signed now by the agent key bound at begin. */
    String envelope(String sealToken, String payload) {
        JsonValue parsed = CanonicalJson.parse(payload);
        Instant now = clock.now();
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(agent.getPrivate());
            signer.update(SealEnvelope.signingInput(sealToken, parsed, now.toString()));
            return SealEnvelope.of(sealToken, signer.sign(), parsed, now).toJson();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AuthenticateCallerUseCase operators() {
        return command -> {
            String token = command.credential().reveal();
            if (token.equals(OPERATOR)) {
                return caller(Identity.operator("sre-7", AegisRole.OPERATOR), SecurityContextName.OPERATOR, null);
            }
            if (token.equals(READONLY)) {
                return caller(Identity.operator("auditor-1", AegisRole.READONLY), SecurityContextName.OPERATOR, null);
            }
            if (token.equals(CONSUMER)) {
                Identity.ZaruUser user = user("consumer", ZaruTier.PRO);
                return caller(user, SecurityContextName.of("zaru-pro"), user.tenantId());
            }
            throw new UnauthenticatedException("token.signature_invalid", "the token signature does not verify");
        };
    }

    private static AuthenticatedCaller caller(Identity identity, SecurityContextName context, TenantId tenant) {
        SecurityToken token = new SecurityToken("jti-0123456789abcdef", identity.subject(), identity.kind(), tenant,
                context, null, START, START.plusSeconds(3600));
        return new AuthenticatedCaller(identity, new SignedSecurityToken(token, "seal.compact.form"));
    }

    /** Issues opaque compact tokens and verifies only what it issued. */
    static final class TestSealTokens implements IssueSecurityTokenPort, VerifySecurityTokenPort {

        private final Map<String, SecurityToken> issued = new ConcurrentHashMap<>();
        private final AtomicInteger serial = new AtomicInteger();

        @Override
        public SignedSecurityToken issue(ai.aegis.domain.seal.SecurityTokenClaims claims) {
            SecurityToken token = claims.withTokenId("grpc-test-token-" + String.format("%06d", serial.incrementAndGet()));
            String compact = "seal." + token.tokenId();
            issued.put(compact, token);
            return new SignedSecurityToken(token, compact);
        }

        @Override
        public SecurityToken verify(String compactToken) {
            SecurityToken token = issued.get(compactToken);
            if (token == null) {
                throw new UnauthenticatedException("seal.token_invalid", "the SEAL token is not one this service signed");
            }
            return token;
        }
    }
}
