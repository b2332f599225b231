package ai.aegis.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.aegis.application.memory.InMemoryAuditLogAdapter;
import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.memory.InMemoryExecutionRecordRemovalAdapter;
import ai.aegis.application.memory.InMemoryExecutionRepositoryAdapter;
import ai.aegis.application.memory.InMemoryIterationEventRepositoryAdapter;
import ai.aegis.application.memory.InMemoryLimitOverridesAdapter;
import ai.aegis.application.memory.InMemoryNodeRegistryAdapter;
import ai.aegis.application.memory.InMemoryTenantAccountAdapter;
import ai.aegis.application.port.in.AuthenticateCallerUseCase;
import ai.aegis.application.port.in.AuthenticatedCaller;
import ai.aegis.application.service.AccountAdministrationService;
import ai.aegis.application.service.ExecutionRemovalService;
import ai.aegis.application.service.SystemAdministrationService;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.error.UnauthenticatedException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.node.Node;
import ai.aegis.domain.node.NodeId;
import ai.aegis.domain.seal.SecurityToken;
import ai.aegis.domain.seal.SignedSecurityToken;
import ai.aegis.domain.security.SecurityContextName;
import ai.aegis.domain.tenancy.TenantScope;
import ai.aegis.domain.tenancy.UserAccount;
import ai.aegis.proto.v1.GetSystemInfoRequest;
import ai.aegis.proto.v1.GetTenantAccountRequest;
import ai.aegis.proto.v1.GetUserAccountRequest;
import ai.aegis.proto.v1.ListTenantAccountsRequest;
import ai.aegis.proto.v1.ListUserAccountsRequest;
import ai.aegis.proto.v1.OperatorAccountServiceGrpc;
import ai.aegis.proto.v1.RemoveExecutionRequest;
import ai.aegis.proto.v1.TenantAccountInfo;
import ai.aegis.proto.v1.UpdateTenantAccountRequest;
import ai.aegis.proto.v1.UpdateUserAccountRequest;
import ai.aegis.proto.v1.UserAccountInfo;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code OperatorAccountService} on a real in-process server and client, over the real use cases
 * and the in-memory twins: every RPC × operator role gives the same answers as the MCP tools
 * (reads for every role, changes for admin only, PERMISSION_DENIED otherwise), consumers never get
 * in, and every change is audited in the operator tenant.
 */
class OperatorAccountGrpcTest {

    private static final Instant START = Instant.parse("2026-11-28T12:00:00Z");
    private static final TenantId TENANT = TenantId.of("acme-labs");
    private static final String CONSUMER = "consumer";

    private final InMemoryClockAdapter clock = new InMemoryClockAdapter(START);
    private final InMemoryAuditLogAdapter audit = new InMemoryAuditLogAdapter();
    private final InMemoryTenantAccountAdapter accounts = new InMemoryTenantAccountAdapter();
    private final InMemoryLimitOverridesAdapter overrides = new InMemoryLimitOverridesAdapter();
    private final ai.aegis.application.memory.InMemoryUserModelKeyAdapter modelKeys =
            new ai.aegis.application.memory.InMemoryUserModelKeyAdapter();
    private final InMemoryNodeRegistryAdapter nodes = new InMemoryNodeRegistryAdapter();
    private final InMemoryExecutionRepositoryAdapter executions = new InMemoryExecutionRepositoryAdapter();
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws IOException {
        AccountAdministrationService administration = new AccountAdministrationService(accounts, overrides,
                modelKeys, audit, clock);
        OperatorAccountGrpcService service = new OperatorAccountGrpcService(administration, administration,
                administration, administration, administration, administration,
                new SystemAdministrationService("9.9.9", nodes,
                        new ai.aegis.application.memory.InMemoryDaemonSettingsAdapter(), audit, clock),
                new ExecutionRemovalService(executions, new InMemoryExecutionRecordRemovalAdapter(executions,
                        new InMemoryIterationEventRepositoryAdapter()), audit, clock));
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(GrpcServices.operatorAccounts(authentication(), command -> { }, service))
                .build().start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    private static AuthenticateCallerUseCase authentication() {
        return command -> {
            String token = command.credential().reveal();
            Identity identity;
            if (token.equals("t." + CONSUMER + ".s")) {
                identity = new Identity.ZaruUser(ZaruUserId.of("alice"),
                        TenantId.consumer(UUID.fromString("11111111-2222-4333-8444-555555555555")), ZaruTier.ENTERPRISE);
            } else {
                AegisRole role = AegisRole.parseOrNull(token.replace("t.", "").replace(".s", ""));
                if (role == null) {
                    throw new UnauthenticatedException("token.invalid", "the bearer token is not valid");
                }
                identity = new Identity.Operator("op-" + role.claimValue(), role);
            }
            SecurityToken sealToken = new SecurityToken("jti-0123456789abcdef", identity.subject(), identity.kind(),
                    identity instanceof Identity.ZaruUser user ? user.tenantId() : null,
                    SecurityContextName.forIdentity(identity), null, START, START.plusSeconds(3600));
            return new AuthenticatedCaller(identity, new SignedSecurityToken(sealToken, "seal.compact.form"));
        };
    }

    private OperatorAccountServiceGrpc.OperatorAccountServiceBlockingStub stub(String who) {
        Metadata headers = new Metadata();
        headers.put(OperatorAuthInterceptor.AUTHORIZATION, "Bearer t." + who + ".s");
        return OperatorAccountServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** Every RPC with valid arguments, keyed by name; the value's key is the least role it needs. */
    private static Map<String, Map.Entry<AegisRole, Consumer<OperatorAccountServiceGrpc.OperatorAccountServiceBlockingStub>>>
            everyRpc() {
        Map<String, Map.Entry<AegisRole, Consumer<OperatorAccountServiceGrpc.OperatorAccountServiceBlockingStub>>> rpcs =
                new LinkedHashMap<>();
        rpcs.put("GetUser", Map.entry(AegisRole.READONLY, stub -> stub.getUser(GetUserAccountRequest.newBuilder()
                .setTenantId(TENANT.value()).setUserId("bob").build())));
        rpcs.put("ListUsers", Map.entry(AegisRole.READONLY, stub -> stub.listUsers(ListUserAccountsRequest.getDefaultInstance())));
        rpcs.put("UpdateUser", Map.entry(AegisRole.ADMIN, stub -> stub.updateUser(UpdateUserAccountRequest.newBuilder()
                .setTenantId(TENANT.value()).setUserId("bob").setByok(true).build())));
        rpcs.put("GetTenant", Map.entry(AegisRole.READONLY, stub -> stub.getTenant(GetTenantAccountRequest.newBuilder()
                .setTenantId(TENANT.value()).build())));
        rpcs.put("ListTenants", Map.entry(AegisRole.READONLY, stub -> stub.listTenants(ListTenantAccountsRequest.getDefaultInstance())));
        rpcs.put("UpdateTenant", Map.entry(AegisRole.ADMIN, stub -> stub.updateTenant(UpdateTenantAccountRequest.newBuilder()
                .setTenantId(TENANT.value()).setLimits(Struct.newBuilder().putFields("max_iterations",
                        Value.newBuilder().setNumberValue(7).build())).build())));
        rpcs.put("GetSystemInfo", Map.entry(AegisRole.READONLY,
                stub -> stub.getSystemInfo(GetSystemInfoRequest.getDefaultInstance())));
        rpcs.put("RemoveExecution", Map.entry(AegisRole.OPERATOR, stub -> stub.removeExecution(
                RemoveExecutionRequest.newBuilder().setExecutionId("exec-never-started").build())));
        return rpcs;
    }

    private static Optional<Status.Code> outcome(Runnable call) {
        try {
            call.run();
            return Optional.empty();
        } catch (StatusRuntimeException refused) {
            return Optional.of(refused.getStatus().getCode());
        }
    }

    @Test
    void everyRpc_eachRole_readsForEveryOperatorChangesForAdminOnly() {
        for (AegisRole role : AegisRole.values()) {
            OperatorAccountServiceGrpc.OperatorAccountServiceBlockingStub stub = stub(role.claimValue());
            everyRpc().forEach((rpc, entry) -> {
                boolean allowed = role.includes(entry.getKey());
                Optional<Status.Code> outcome = outcome(() -> entry.getValue().accept(stub));
                assertThat(outcome.equals(Optional.of(Status.Code.PERMISSION_DENIED))).as("%s as %s: %s", rpc, role,
                        outcome).isEqualTo(!allowed);
                if (allowed) {
                    // The removal names an execution that never existed: past the gate, it is simply not found.
                    assertThat(outcome).as("%s as %s", rpc, role).isEqualTo(rpc.equals("RemoveExecution")
                            ? Optional.of(Status.Code.NOT_FOUND) : Optional.empty());
                }
            });
        }
        assertThat(accounts.user(TENANT, "bob").byok()).isTrue();
        assertThat(overrides.forTenant(TENANT)).isEqualTo(LimitOverrides.none().withMaxIterations(7));
        assertThat(audit.all()).filteredOn(record -> record.action().endsWith(".update"))
                .extracting(AuditRecord::actorSubject, AuditRecord::decision, AuditRecord::tenantId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("op-readonly", AuditDecision.DENIED, TenantScope.SYSTEM),
                        org.assertj.core.groups.Tuple.tuple("op-readonly", AuditDecision.DENIED, TenantScope.SYSTEM),
                        org.assertj.core.groups.Tuple.tuple("op-operator", AuditDecision.DENIED, TenantScope.SYSTEM),
                        org.assertj.core.groups.Tuple.tuple("op-operator", AuditDecision.DENIED, TenantScope.SYSTEM),
                        org.assertj.core.groups.Tuple.tuple("op-admin", AuditDecision.ALLOWED, TenantScope.SYSTEM),
                        org.assertj.core.groups.Tuple.tuple("op-admin", AuditDecision.ALLOWED, TenantScope.SYSTEM));
    }

    @Test
    void everyRpc_consumerToken_refusedBeforeAnythingRuns() {
        OperatorAccountServiceGrpc.OperatorAccountServiceBlockingStub consumer = stub(CONSUMER);
        everyRpc().forEach((rpc, entry) -> assertThat(outcome(() -> entry.getValue().accept(consumer))).as(rpc)
                .contains(Status.Code.PERMISSION_DENIED));
        assertThat(accounts.user(TENANT, "bob")).isEqualTo(UserAccount.standard(TENANT, "bob"));
        assertThat(audit.all()).isEmpty();
    }

    @Test
    void updateUser_tierSuspensionAndLimits_readBackLikeMcp() {
        accounts.recordPlanSeen(TENANT, ZaruTier.PRO, START);
        OperatorAccountServiceGrpc.OperatorAccountServiceBlockingStub admin = stub("admin");

        UserAccountInfo updated = admin.updateUser(UpdateUserAccountRequest.newBuilder().setTenantId(TENANT.value())
                .setUserId("bob").setTier("enterprise").setSuspended(true)
                .setLimits(Struct.newBuilder().putFields("max_concurrent_executions",
                        Value.newBuilder().setStringValue("unlimited").build())).build());

        assertThat(updated.getTierOverride()).isEqualTo("enterprise");
        assertThat(updated.getSuspended()).isTrue();
        assertThat(updated.getLimitOverrides().getFieldsMap().get("max_concurrent_executions").getStringValue())
                .isEqualTo("unlimited");
        assertThat(updated.getEffectiveLimits().getFieldsMap().get("max_iterations").getNumberValue()).isEqualTo(50);
        assertThat(stub("readonly").listUsers(ListUserAccountsRequest.newBuilder().setTenantId(TENANT.value()).build())
                .getUsersList()).extracting(UserAccountInfo::getUserId).containsExactly("bob");

        UserAccountInfo cleared = admin.updateUser(UpdateUserAccountRequest.newBuilder().setTenantId(TENANT.value())
                .setUserId("bob").setClearTier(true).setSuspended(false).build());
        assertThat(cleared.getTierOverride()).isEmpty();
        assertThat(accounts.user(TENANT, "bob")).isEqualTo(UserAccount.standard(TENANT, "bob"));
    }

    @Test
    void updateUser_modelKey_storedAnsweredAsFingerprintLikeMcpAndInvalidKeyRefused() {
        OperatorAccountServiceGrpc.OperatorAccountServiceBlockingStub admin = stub("admin");
        String secret = "sk-bob-own-key-0123456789";

        UserAccountInfo stored = admin.updateUser(UpdateUserAccountRequest.newBuilder().setTenantId(TENANT.value())
                .setUserId("bob").setByok(true).setModelKey(secret).build());

        assertThat(stored.getModelKeyStored()).isTrue();
        assertThat(stored.getModelKeyFingerprint())
                .isEqualTo(ai.aegis.application.port.out.ModelApiKey.of(secret).fingerprint());
        assertThat(stored.toString()).doesNotContain(secret);
        assertThat(modelKeys.find(TENANT, "bob")).contains(ai.aegis.application.port.out.ModelApiKey.of(secret));
        assertThatThrownBy(() -> admin.updateUser(UpdateUserAccountRequest.newBuilder().setTenantId(TENANT.value())
                .setUserId("bob").setModelKey("has spaces").build()))
                .isInstanceOfSatisfying(io.grpc.StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).doesNotContain("has spaces");
                });
        UserAccountInfo removed = admin.updateUser(UpdateUserAccountRequest.newBuilder().setTenantId(TENANT.value())
                .setUserId("bob").setClearModelKey(true).build());
        assertThat(removed.getModelKeyStored()).isFalse();
    }

    @Test
    void updateTenant_suspendedAndListed_operatorTenantRefused() {
        accounts.recordPlanSeen(TENANT, ZaruTier.BUSINESS, START);
        accounts.recordPlanSeen(TenantId.of("zeta-works"), ZaruTier.FREE, START);
        OperatorAccountServiceGrpc.OperatorAccountServiceBlockingStub admin = stub("admin");

        TenantAccountInfo suspended = admin.updateTenant(UpdateTenantAccountRequest.newBuilder()
                .setTenantId(TENANT.value()).setSuspended(true).build());
        StatusRuntimeException system = catchThrowableOfType(() -> admin.updateTenant(UpdateTenantAccountRequest
                .newBuilder().setTenantId(TenantScope.SYSTEM.value()).setSuspended(true).build()),
                StatusRuntimeException.class);

        assertThat(suspended.getSuspended()).isTrue();
        assertThat(suspended.getPlan()).isEqualTo("business");
        assertThat(accounts.tenantSuspended(TENANT)).isTrue();
        assertThat(system.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        var page = stub("operator").listTenants(ListTenantAccountsRequest.newBuilder().setLimit(1).build());
        assertThat(page.getTenantsList()).extracting(TenantAccountInfo::getTenantId).containsExactly(TENANT.value());
        assertThat(page.getNext()).isEqualTo(TENANT.value());
        assertThat(stub("operator").listTenants(ListTenantAccountsRequest.newBuilder().setAfter(page.getNext()).build())
                .getTenantsList()).extracting(TenantAccountInfo::getTenantId).containsExactly("zeta-works");
    }

    @Test
    void getSystemInfo_readonly_versionAndNodes() {
        nodes.save(Node.register(NodeId.of("node-1"), 4, Map.of(), Set.of("python:3.12"), Set.of(), START));

        var info = stub("readonly").getSystemInfo(GetSystemInfoRequest.getDefaultInstance());

        assertThat(info.getVersion()).isEqualTo("9.9.9");
        assertThat(info.getNodesList()).singleElement().satisfies(node -> {
            assertThat(node.getNodeId()).isEqualTo("node-1");
            assertThat(node.getRuntimesList()).containsExactly("python:3.12");
        });
    }
}
