package ai.aegis.adapters.grpc;

import ai.aegis.application.port.in.GetSystemInfoQuery;
import ai.aegis.application.port.in.GetSystemInfoUseCase;
import ai.aegis.application.port.in.GetTenantAccountQuery;
import ai.aegis.application.port.in.GetTenantAccountUseCase;
import ai.aegis.application.port.in.GetUserAccountQuery;
import ai.aegis.application.port.in.GetUserAccountUseCase;
import ai.aegis.application.port.in.LimitOverridesDocument;
import ai.aegis.application.port.in.ListTenantAccountsQuery;
import ai.aegis.application.port.in.ListTenantAccountsUseCase;
import ai.aegis.application.port.in.ListUserAccountsQuery;
import ai.aegis.application.port.in.ListUserAccountsUseCase;
import ai.aegis.application.port.in.RemoveExecutionCommand;
import ai.aegis.application.port.in.RemoveExecutionUseCase;
import ai.aegis.application.port.in.RemovedExecutionTree;
import ai.aegis.application.port.in.SystemInfo;
import ai.aegis.application.port.in.TenantAccountDetails;
import ai.aegis.application.port.in.TenantAccountPage;
import ai.aegis.application.port.in.UpdateTenantAccountCommand;
import ai.aegis.application.port.in.UpdateTenantAccountUseCase;
import ai.aegis.application.port.in.UpdateUserAccountCommand;
import ai.aegis.application.port.in.UpdateUserAccountUseCase;
import ai.aegis.application.port.in.UserAccountDetails;
import ai.aegis.application.port.in.UserAccountPage;
import ai.aegis.application.port.out.ModelApiKey;
import ai.aegis.application.port.out.UserAccountKey;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.node.Node;
import ai.aegis.domain.tenancy.UserAccount;
import ai.aegis.proto.v1.GetSystemInfoRequest;
import ai.aegis.proto.v1.GetTenantAccountRequest;
import ai.aegis.proto.v1.GetUserAccountRequest;
import ai.aegis.proto.v1.ListTenantAccountsRequest;
import ai.aegis.proto.v1.ListTenantAccountsResponse;
import ai.aegis.proto.v1.ListUserAccountsRequest;
import ai.aegis.proto.v1.ListUserAccountsResponse;
import ai.aegis.proto.v1.NodeSummary;
import ai.aegis.proto.v1.OperatorAccountServiceGrpc;
import ai.aegis.proto.v1.RemoveExecutionRequest;
import ai.aegis.proto.v1.RemoveExecutionResponse;
import ai.aegis.proto.v1.SystemInfoResponse;
import ai.aegis.proto.v1.TenantAccountInfo;
import ai.aegis.proto.v1.UpdateTenantAccountRequest;
import ai.aegis.proto.v1.UpdateUserAccountRequest;
import ai.aegis.proto.v1.UserAccountInfo;
import io.grpc.stub.StreamObserver;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code aegis.v1.OperatorAccountService}, behind {@link OperatorAuthInterceptor} (consumer tokens
 * never reach it): the gRPC twin of the MCP administration tools. The role gates (every operator
 * reads, only administrators change accounts, operators and administrators remove ended execution
 * trees) and the audit trail are the use cases', so MCP and gRPC answer alike; a role too low is
 * {@code PERMISSION_DENIED}.
 */
public final class OperatorAccountGrpcService extends OperatorAccountServiceGrpc.OperatorAccountServiceImplBase {

    private final GetUserAccountUseCase getUser;
    private final ListUserAccountsUseCase listUsers;
    private final UpdateUserAccountUseCase updateUser;
    private final GetTenantAccountUseCase getTenant;
    private final ListTenantAccountsUseCase listTenants;
    private final UpdateTenantAccountUseCase updateTenant;
    private final GetSystemInfoUseCase systemInfo;
    private final RemoveExecutionUseCase removeExecution;

    public OperatorAccountGrpcService(GetUserAccountUseCase getUser, ListUserAccountsUseCase listUsers,
            UpdateUserAccountUseCase updateUser, GetTenantAccountUseCase getTenant, ListTenantAccountsUseCase listTenants,
            UpdateTenantAccountUseCase updateTenant, GetSystemInfoUseCase systemInfo,
            RemoveExecutionUseCase removeExecution) {
        this.getUser = Objects.requireNonNull(getUser, "getUser");
        this.listUsers = Objects.requireNonNull(listUsers, "listUsers");
        this.updateUser = Objects.requireNonNull(updateUser, "updateUser");
        this.getTenant = Objects.requireNonNull(getTenant, "getTenant");
        this.listTenants = Objects.requireNonNull(listTenants, "listTenants");
        this.updateTenant = Objects.requireNonNull(updateTenant, "updateTenant");
        this.systemInfo = Objects.requireNonNull(systemInfo, "systemInfo");
        this.removeExecution = Objects.requireNonNull(removeExecution, "removeExecution");
    }

    private static Identity operator() {
        return OperatorAuthInterceptor.CALLER.get().identity();
    }

    @Override
    public void getUser(GetUserAccountRequest request, StreamObserver<UserAccountInfo> response) {
        Calls.unary(response, () -> describe(getUser.get(new GetUserAccountQuery(operator(),
                TenantId.of(request.getTenantId()), request.getUserId()))));
    }

    @Override
    public void listUsers(ListUserAccountsRequest request, StreamObserver<ListUserAccountsResponse> response) {
        Calls.unary(response, () -> {
            Optional<TenantId> tenant = request.getTenantId().isBlank() ? Optional.empty()
                    : Optional.of(TenantId.of(request.getTenantId()));
            Optional<UserAccountKey> after = request.getAfter().isBlank() ? Optional.empty()
                    : Optional.of(userCursor(request.getAfter()));
            int limit = request.getLimit() == 0 ? ListUserAccountsQuery.DEFAULT_LIMIT : request.getLimit();
            UserAccountPage page = listUsers.list(new ListUserAccountsQuery(operator(), tenant, after, limit));
            ListUserAccountsResponse.Builder answer = ListUserAccountsResponse.newBuilder();
            page.users().forEach(user -> answer.addUsers(describe(user)));
            page.next().ifPresent(next -> answer.setNext(next.tenantId().value() + "/" + next.subject()));
            return answer.build();
        });
    }

    @Override
    public void updateUser(UpdateUserAccountRequest request, StreamObserver<UserAccountInfo> response) {
        Calls.unary(response, () -> describe(updateUser.update(new UpdateUserAccountCommand(operator(),
                TenantId.of(request.getTenantId()), request.getUserId(),
                request.hasTier() ? Optional.of(ZaruTier.parse(request.getTier())) : Optional.empty(),
                request.getClearTier(),
                request.hasByok() ? Optional.of(request.getByok()) : Optional.empty(),
                request.hasSuspended() ? Optional.of(request.getSuspended()) : Optional.empty(),
                request.hasLimits() ? Optional.of(limits(request.getLimits())) : Optional.empty(),
                request.hasModelKey() ? Optional.of(ModelApiKey.userSupplied(request.getModelKey())) : Optional.empty(),
                request.getClearModelKey()))));
    }

    @Override
    public void getTenant(GetTenantAccountRequest request, StreamObserver<TenantAccountInfo> response) {
        Calls.unary(response, () -> describe(getTenant.get(new GetTenantAccountQuery(operator(),
                TenantId.of(request.getTenantId())))));
    }

    @Override
    public void listTenants(ListTenantAccountsRequest request, StreamObserver<ListTenantAccountsResponse> response) {
        Calls.unary(response, () -> {
            Optional<TenantId> after = request.getAfter().isBlank() ? Optional.empty()
                    : Optional.of(TenantId.of(request.getAfter()));
            int limit = request.getLimit() == 0 ? ListTenantAccountsQuery.DEFAULT_LIMIT : request.getLimit();
            TenantAccountPage page = listTenants.list(new ListTenantAccountsQuery(operator(), after, limit));
            ListTenantAccountsResponse.Builder answer = ListTenantAccountsResponse.newBuilder();
            page.tenants().forEach(tenant -> answer.addTenants(describe(tenant)));
            page.next().ifPresent(next -> answer.setNext(next.value()));
            return answer.build();
        });
    }

    @Override
    public void updateTenant(UpdateTenantAccountRequest request, StreamObserver<TenantAccountInfo> response) {
        Calls.unary(response, () -> describe(updateTenant.update(new UpdateTenantAccountCommand(operator(),
                TenantId.of(request.getTenantId()),
                request.hasSuspended() ? Optional.of(request.getSuspended()) : Optional.empty(),
                request.hasLimits() ? Optional.of(limits(request.getLimits())) : Optional.empty()))));
    }

    @Override
    public void getSystemInfo(GetSystemInfoRequest request, StreamObserver<SystemInfoResponse> response) {
        Calls.unary(response, () -> describe(systemInfo.info(new GetSystemInfoQuery(operator()))));
    }

    @Override
    public void removeExecution(RemoveExecutionRequest request, StreamObserver<RemoveExecutionResponse> response) {
        Calls.unary(response, () -> {
            RemovedExecutionTree removed = removeExecution.remove(new RemoveExecutionCommand(operator(),
                    ProtoMapper.executionId(request.getExecutionId())));
            return RemoveExecutionResponse.newBuilder().setExecutionId(removed.rootId().value())
                    .setTenantId(removed.tenantId().value()).setExecutionsRemoved(removed.executionsRemoved()).build();
        });
    }

    private static LimitOverrides limits(com.google.protobuf.Struct limits) {
        return LimitOverridesDocument.parse(StructValues.toMap(limits));
    }

    private static UserAccountKey userCursor(String cursor) {
        int slash = cursor.indexOf('/');
        if (slash < 1 || slash == cursor.length() - 1) {
            throw new InvalidInputException("page.cursor_invalid", "'after' must be the 'next' of a previous page");
        }
        return new UserAccountKey(TenantId.of(cursor.substring(0, slash)), cursor.substring(slash + 1));
    }

    private static UserAccountInfo describe(UserAccount user) {
        UserAccountInfo.Builder info = UserAccountInfo.newBuilder().setTenantId(user.tenantId().value())
                .setUserId(user.subject()).setByok(user.byok()).setSuspended(user.suspended());
        user.tierOverride().ifPresent(tier -> info.setTierOverride(tier.slug()));
        return info.build();
    }

    private static UserAccountInfo describe(UserAccountDetails details) {
        UserAccountInfo.Builder info = describe(details.account()).toBuilder()
                .setTenantSuspended(details.tenantSuspended())
                .setLimitOverrides(StructValues.toStruct(LimitOverridesDocument.describe(details.limitOverrides())));
        details.effectiveLimits().ifPresent(limits -> info.setEffectiveLimits(
                StructValues.toStruct(LimitOverridesDocument.describe(limits))));
        info.setModelKeyStored(details.modelKeyFingerprint().isPresent());
        details.modelKeyFingerprint().ifPresent(info::setModelKeyFingerprint);
        return info.build();
    }

    private static TenantAccountInfo describe(TenantAccountDetails details) {
        TenantAccountInfo.Builder info = TenantAccountInfo.newBuilder().setTenantId(details.tenantId().value())
                .setSuspended(details.suspended())
                .setLimitOverrides(StructValues.toStruct(LimitOverridesDocument.describe(details.limitOverrides())));
        details.account().ifPresent(account -> info.setPlan(account.plan().slug())
                .setPlanRecordedAt(ProtoMapper.timestamp(account.recordedAt())));
        details.effectiveLimits().ifPresent(limits -> info.setEffectiveLimits(
                StructValues.toStruct(LimitOverridesDocument.describe(limits))));
        return info.build();
    }

    private static SystemInfoResponse describe(SystemInfo info) {
        SystemInfoResponse.Builder answer = SystemInfoResponse.newBuilder().setVersion(info.version())
                .setStartedAt(ProtoMapper.timestamp(info.startedAt())).setNow(ProtoMapper.timestamp(info.now()));
        for (Node node : info.nodes()) {
            answer.addNodes(NodeSummary.newBuilder().setNodeId(node.id().value()).setCapacity(node.capacity())
                    .addAllRuntimes(new TreeSet<>(node.runtimes()))
                    .setRegisteredAt(ProtoMapper.timestamp(node.registeredAt()))
                    .setLastHeartbeat(ProtoMapper.timestamp(node.lastHeartbeat())));
        }
        return answer.build();
    }
}
