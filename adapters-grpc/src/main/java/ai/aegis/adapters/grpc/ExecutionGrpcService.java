package ai.aegis.adapters.grpc;

import ai.aegis.application.port.in.AuthenticateExecutionCallerCommand;
import ai.aegis.application.port.in.AuthenticateExecutionCallerUseCase;
import ai.aegis.application.port.in.CancelExecutionCommand;
import ai.aegis.application.port.in.CancelExecutionUseCase;
import ai.aegis.application.port.in.ExecutionCaller;
import ai.aegis.application.port.in.FinishExecutionCommand;
import ai.aegis.application.port.in.FinishExecutionUseCase;
import ai.aegis.application.port.in.GetExecutionQuery;
import ai.aegis.application.port.in.GetExecutionTreeUseCase;
import ai.aegis.application.port.in.GetExecutionUseCase;
import ai.aegis.application.port.in.ReportIterationCommand;
import ai.aegis.application.port.in.ReportIterationUseCase;
import ai.aegis.application.port.in.SpawnChildExecutionCommand;
import ai.aegis.application.port.in.SpawnChildExecutionUseCase;
import ai.aegis.application.port.in.WatchExecutionEventsQuery;
import ai.aegis.application.port.in.WatchExecutionEventsUseCase;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionOutcome;
import ai.aegis.proto.v1.CancelExecutionRequest;
import ai.aegis.proto.v1.CancelExecutionResponse;
import ai.aegis.proto.v1.ExecutionEvent;
import ai.aegis.proto.v1.ExecutionServiceGrpc;
import ai.aegis.proto.v1.FinishExecutionRequest;
import ai.aegis.proto.v1.FinishExecutionResponse;
import ai.aegis.proto.v1.GetExecutionRequest;
import ai.aegis.proto.v1.GetExecutionResponse;
import ai.aegis.proto.v1.GetExecutionTreeResponse;
import ai.aegis.proto.v1.ReportIterationRequest;
import ai.aegis.proto.v1.ReportIterationResponse;
import ai.aegis.proto.v1.SpawnChildRequest;
import ai.aegis.proto.v1.SpawnChildResponse;
import ai.aegis.proto.v1.WatchExecutionRequest;
import io.grpc.stub.StreamObserver;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Executor;

/**
 * {@code aegis.v1.ExecutionService}: what nodes do to the executions they run. Each call is
 * authenticated for exactly the execution it names by that execution's SEAL token, and acts as the
 * execution's owner (read from the record), so tenant and ownership come from storage, never from
 * the request.
 */
public final class ExecutionGrpcService extends ExecutionServiceGrpc.ExecutionServiceImplBase {

    private final AuthenticateExecutionCallerUseCase callers;
    private final ReportIterationUseCase report;
    private final SpawnChildExecutionUseCase spawn;
    private final FinishExecutionUseCase finish;
    private final CancelExecutionUseCase cancel;
    private final GetExecutionUseCase get;
    private final GetExecutionTreeUseCase trees;
    private final WatchExecutionEventsUseCase watches;
    private final Executor watchExecutor;

    public ExecutionGrpcService(AuthenticateExecutionCallerUseCase callers, ReportIterationUseCase report,
            SpawnChildExecutionUseCase spawn, FinishExecutionUseCase finish, CancelExecutionUseCase cancel,
            GetExecutionUseCase get, GetExecutionTreeUseCase trees, WatchExecutionEventsUseCase watches,
            Executor watchExecutor) {
        this.callers = Objects.requireNonNull(callers, "callers");
        this.report = Objects.requireNonNull(report, "report");
        this.spawn = Objects.requireNonNull(spawn, "spawn");
        this.finish = Objects.requireNonNull(finish, "finish");
        this.cancel = Objects.requireNonNull(cancel, "cancel");
        this.get = Objects.requireNonNull(get, "get");
        this.trees = Objects.requireNonNull(trees, "trees");
        this.watches = Objects.requireNonNull(watches, "watches");
        this.watchExecutor = Objects.requireNonNull(watchExecutor, "watchExecutor");
    }

    private ExecutionCaller caller(String executionId) {
        ExecutionId target = ProtoMapper.executionId(executionId);
        return callers.authenticate(new AuthenticateExecutionCallerCommand(SealTokenInterceptor.TOKEN.get(), target));
    }

    private static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    @Override
    public void reportIteration(ReportIterationRequest request, StreamObserver<ReportIterationResponse> response) {
        Calls.unary(response, () -> {
            ExecutionCaller caller = caller(request.getExecutionId());
            return ReportIterationResponse.newBuilder().setEvent(ProtoMapper.iteration(report.report(
                    new ReportIterationCommand(caller.actingIdentity(), caller.executionId(),
                            ProtoMapper.kind(request.getKind()), text(request.getDetail()))))).build();
        });
    }

    @Override
    public void spawnChild(SpawnChildRequest request, StreamObserver<SpawnChildResponse> response) {
        Calls.unary(response, () -> {
            ExecutionCaller caller = caller(request.getParentId());
            SpawnChildExecutionCommand command = new SpawnChildExecutionCommand(caller.actingIdentity(),
                    caller.executionId(),
                    request.hasSecurityContext() ? Optional.of(ProtoMapper.context(request.getSecurityContext()))
                            : Optional.empty(),
                    request.hasDeadline() ? Optional.of(ProtoMapper.instant(request.getDeadline())) : Optional.empty(),
                    request.hasMemoryBytes() ? OptionalLong.of(request.getMemoryBytes()) : OptionalLong.empty(),
                    request.hasMaxIterations() ? OptionalInt.of(request.getMaxIterations()) : OptionalInt.empty(),
                    request.hasTask() ? Optional.of(ProtoMapper.task(request.getTask())) : Optional.empty());
            return SpawnChildResponse.newBuilder().setChild(ProtoMapper.execution(spawn.spawn(command))).build();
        });
    }

    @Override
    public void complete(FinishExecutionRequest request, StreamObserver<FinishExecutionResponse> response) {
        finish(request, response, ExecutionOutcome.COMPLETED);
    }

    @Override
    public void fail(FinishExecutionRequest request, StreamObserver<FinishExecutionResponse> response) {
        finish(request, response, ExecutionOutcome.FAILED);
    }

    private void finish(FinishExecutionRequest request, StreamObserver<FinishExecutionResponse> response,
            ExecutionOutcome outcome) {
        Calls.unary(response, () -> {
            ExecutionCaller caller = caller(request.getExecutionId());
            return FinishExecutionResponse.newBuilder().addAllChanged(ProtoMapper.executions(finish.finish(
                    new FinishExecutionCommand(caller.actingIdentity(), caller.executionId(), outcome,
                            text(request.getDetail()), request.hasOutput()
                                    ? Optional.of(ProtoMapper.output(request.getOutput())) : Optional.empty())))).build();
        });
    }

    @Override
    public void cancel(CancelExecutionRequest request, StreamObserver<CancelExecutionResponse> response) {
        Calls.unary(response, () -> {
            ExecutionCaller caller = caller(request.getExecutionId());
            return CancelExecutionResponse.newBuilder().addAllCancelled(ProtoMapper.executions(cancel.cancel(
                    new CancelExecutionCommand(caller.actingIdentity(), caller.executionId())))).build();
        });
    }

    @Override
    public void get(GetExecutionRequest request, StreamObserver<GetExecutionResponse> response) {
        Calls.unary(response, () -> {
            ExecutionCaller caller = caller(request.getExecutionId());
            return GetExecutionResponse.newBuilder().setExecution(ProtoMapper.execution(get.get(
                    new GetExecutionQuery(caller.actingIdentity(), caller.executionId())))).build();
        });
    }

    @Override
    public void getTree(GetExecutionRequest request, StreamObserver<GetExecutionTreeResponse> response) {
        Calls.unary(response, () -> {
            ExecutionCaller caller = caller(request.getExecutionId());
            return ProtoMapper.tree(trees.tree(new GetExecutionQuery(caller.actingIdentity(), caller.executionId())));
        });
    }

    @Override
    public void watch(WatchExecutionRequest request, StreamObserver<ExecutionEvent> response) {
        ExecutionCaller caller;
        try {
            caller = caller(request.getExecutionId());
        } catch (DomainException refusal) {
            response.onError(GrpcErrors.toStatus(refusal));
            return;
        }
        int buffer = request.getBuffer() <= 0 ? WatchExecutionEventsQuery.DEFAULT_BUFFER : Math.min(request.getBuffer(), 10_000);
        GetExecutionQuery query = new GetExecutionQuery(caller.actingIdentity(), caller.executionId());
        WatchStreamer.stream(response, watchExecutor,
                signal -> watches.watch(new WatchExecutionEventsQuery(caller.actingIdentity(), caller.executionId(),
                        buffer, signal)),
                () -> ExecutionEvent.newBuilder().setSnapshot(ProtoMapper.tree(trees.tree(query))).build());
    }
}
