package ai.aegis.adapters.grpc;

import ai.aegis.application.port.in.CancelAnyExecutionCommand;
import ai.aegis.application.port.in.CancelAnyExecutionUseCase;
import ai.aegis.application.port.in.GetExecutionQuery;
import ai.aegis.application.port.in.GetExecutionTreeUseCase;
import ai.aegis.application.port.in.ListExecutionsQuery;
import ai.aegis.application.port.in.ListExecutionsUseCase;
import ai.aegis.application.port.in.WatchExecutionEventsQuery;
import ai.aegis.application.port.in.WatchExecutionEventsUseCase;
import ai.aegis.application.port.out.ExecutionListFilter;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.proto.v1.CancelExecutionRequest;
import ai.aegis.proto.v1.CancelExecutionResponse;
import ai.aegis.proto.v1.ExecutionEvent;
import ai.aegis.proto.v1.GetExecutionRequest;
import ai.aegis.proto.v1.GetExecutionTreeResponse;
import ai.aegis.proto.v1.ListExecutionsRequest;
import ai.aegis.proto.v1.ListExecutionsResponse;
import ai.aegis.proto.v1.OperatorAdminServiceGrpc;
import ai.aegis.proto.v1.WatchExecutionRequest;
import io.grpc.stub.StreamObserver;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * {@code aegis.v1.OperatorAdminService}, behind {@link OperatorAuthInterceptor}. Every role reads,
 * inspects and watches any tenant's executions (audited by the query use cases); cancelling needs
 * the operator role (checked by {@link CancelAnyExecutionUseCase}).
 */
public final class OperatorAdminGrpcService extends OperatorAdminServiceGrpc.OperatorAdminServiceImplBase {

    private static final int DEFAULT_LIMIT = 100;

    private final ListExecutionsUseCase list;
    private final GetExecutionTreeUseCase trees;
    private final CancelAnyExecutionUseCase cancel;
    private final WatchExecutionEventsUseCase watches;
    private final Executor watchExecutor;

    public OperatorAdminGrpcService(ListExecutionsUseCase list, GetExecutionTreeUseCase trees,
            CancelAnyExecutionUseCase cancel, WatchExecutionEventsUseCase watches, Executor watchExecutor) {
        this.list = Objects.requireNonNull(list, "list");
        this.trees = Objects.requireNonNull(trees, "trees");
        this.cancel = Objects.requireNonNull(cancel, "cancel");
        this.watches = Objects.requireNonNull(watches, "watches");
        this.watchExecutor = Objects.requireNonNull(watchExecutor, "watchExecutor");
    }

    private static Identity operator() {
        return OperatorAuthInterceptor.CALLER.get().identity();
    }

    @Override
    public void listExecutions(ListExecutionsRequest request, StreamObserver<ListExecutionsResponse> response) {
        Calls.unary(response, () -> {
            Set<ExecutionStatus> statuses = EnumSet.noneOf(ExecutionStatus.class);
            request.getStatusesList().forEach(status -> statuses.add(ProtoMapper.status(status)));
            ExecutionListFilter filter = ExecutionListFilter.all().withStatuses(statuses);
            if (request.getRootsOnly()) {
                filter = filter.onlyRoots();
            }
            Optional<TenantId> tenant = request.getTenantId().isBlank() ? Optional.empty()
                    : Optional.of(TenantId.of(request.getTenantId()));
            int limit = request.getLimit() == 0 ? DEFAULT_LIMIT : request.getLimit();
            return ListExecutionsResponse.newBuilder().addAllExecutions(ProtoMapper.executions(
                    list.list(new ListExecutionsQuery(operator(), filter, limit, tenant)))).build();
        });
    }

    @Override
    public void getTree(GetExecutionRequest request, StreamObserver<GetExecutionTreeResponse> response) {
        Calls.unary(response, () -> ProtoMapper.tree(trees.tree(new GetExecutionQuery(operator(),
                ProtoMapper.executionId(request.getExecutionId())))));
    }

    @Override
    public void cancelExecution(CancelExecutionRequest request, StreamObserver<CancelExecutionResponse> response) {
        Calls.unary(response, () -> CancelExecutionResponse.newBuilder().addAllCancelled(ProtoMapper.executions(
                cancel.cancel(new CancelAnyExecutionCommand(operator(), ProtoMapper.executionId(request.getExecutionId())))))
                .build());
    }

    @Override
    public void watch(WatchExecutionRequest request, StreamObserver<ExecutionEvent> response) {
        Identity operator = operator();
        ExecutionId id;
        try {
            id = ProtoMapper.executionId(request.getExecutionId());
        } catch (DomainException refusal) {
            response.onError(GrpcErrors.toStatus(refusal));
            return;
        }
        int buffer = request.getBuffer() <= 0 ? WatchExecutionEventsQuery.DEFAULT_BUFFER : Math.min(request.getBuffer(), 10_000);
        WatchStreamer.stream(response, watchExecutor,
                signal -> watches.watch(new WatchExecutionEventsQuery(operator, id, buffer, signal)),
                () -> ExecutionEvent.newBuilder().setSnapshot(ProtoMapper.tree(trees.tree(new GetExecutionQuery(operator, id))))
                        .build());
    }
}
