package ai.aegis.adapters.grpc;

import static ai.aegis.adapters.grpc.GrpcTestBed.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.in.ExpireOverdueExecutionsCommand;
import ai.aegis.application.port.in.StartConversationCommand;
import ai.aegis.application.port.in.StartRootExecutionCommand;
import ai.aegis.application.service.IterationBudgetService;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.TaskSpec;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.proto.v1.CancelExecutionRequest;
import ai.aegis.proto.v1.CancelExecutionResponse;
import ai.aegis.proto.v1.ClaimWorkRequest;
import ai.aegis.proto.v1.ExecutionEvent;
import ai.aegis.proto.v1.ExecutionStatus;
import ai.aegis.proto.v1.FinishExecutionRequest;
import ai.aegis.proto.v1.GetExecutionRequest;
import ai.aegis.proto.v1.HeartbeatRequest;
import ai.aegis.proto.v1.IterationKind;
import ai.aegis.proto.v1.ReportIterationRequest;
import ai.aegis.proto.v1.ReportIterationResponse;
import ai.aegis.proto.v1.SpawnChildRequest;
import ai.aegis.proto.v1.WatchExecutionRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The execution-tree semantics as nodes meet them over gRPC (in-process server, real stubs, in-memory stores). */
class ExecutionTreeGrpcTest {

    private static final String NODE = "node-1";

    private final GrpcTestBed bed = new GrpcTestBed();
    private final Identity.ZaruUser pro = user("pro-user", ZaruTier.PRO);

    @AfterEach
    void close() {
        bed.close();
    }

    private static void assertRefused(Runnable call, Status.Code status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(status);
            assertThat(e.getTrailers().get(GrpcErrors.ERROR_CODE)).isEqualTo(code);
            assertThat(e.getStatus().getDescription()).doesNotContain("Exception").doesNotContain("\tat ");
        });
    }

    private record Running(Execution execution, String token) {
    }

    private Running runningRoot() {
        bed.registerNode(NODE, List.of());
        Execution root = bed.startRoot(pro);
        return new Running(root, bed.begin(NODE, root));
    }

    private Running spawnAndBegin(Running parent, SpawnChildRequest.Builder request) {
        ai.aegis.proto.v1.Execution child = bed.executionsAs(parent.token())
                .spawnChild(request.setParentId(parent.execution().id().value()).build()).getChild();
        Execution stored = bed.executionStore.findInAnyTenant(ExecutionId.of(child.getId())).orElseThrow();
        return new Running(stored, bed.begin(NODE, stored));
    }

    private ExecutionStatus statusOf(Execution execution) {
        return ProtoMapper.status(bed.executionStore.findInAnyTenant(execution.id()).orElseThrow().status());
    }

    @Test
    void startRoot_secondInTheSameConversation_refusedAndNodesGetOne() {
        Execution root = bed.startRoot(pro);

        assertThatThrownBy(() -> bed.executions.start(new StartRootExecutionCommand(pro, root.conversationId())))
                .isInstanceOf(AlreadyExistsException.class);
        bed.registerNode(NODE, List.of());
        assertThat(bed.node().claimWork(ClaimWorkRequest.newBuilder().setNodeId(NODE).setMax(10).build())
                .getAssignmentsList()).extracting(a -> a.getExecution().getId()).containsExactly(root.id().value());
    }

    @Test
    void claimWork_rootStartedWithTask_assignmentCarriesTheTask() {
        TaskSpec task = TaskSpec.instructions("Print hello").withCode("print('hello')", "python")
                .withExpectedOutput("hello");
        Execution root = bed.executions.start(new StartRootExecutionCommand(pro, bed.conversationService.start(
                new StartConversationCommand(pro, ConversationMode.AGENTIC)).id(), java.util.Optional.of(task)));
        bed.registerNode(NODE, List.of());

        ai.aegis.proto.v1.Assignment assignment = bed.node().claimWork(ClaimWorkRequest.newBuilder().setNodeId(NODE)
                .setMax(1).build()).getAssignments(0);

        assertThat(assignment.getExecution().getId()).isEqualTo(root.id().value());
        assertThat(ProtoMapper.task(assignment.getTask())).isEqualTo(task);
    }

    @Test
    void spawnChild_withTask_claimedChildCarriesIt() {
        Running root = runningRoot();
        ai.aegis.proto.v1.Task task = ai.aegis.proto.v1.Task.newBuilder().setInstructions("Count to three")
                .setCode("print(1, 2, 3)").setRuntime("python").build();

        ai.aegis.proto.v1.Execution child = bed.executionsAs(root.token()).spawnChild(SpawnChildRequest.newBuilder()
                .setParentId(root.execution().id().value()).setTask(task).build()).getChild();

        ai.aegis.proto.v1.Assignment assignment = bed.node().claimWork(ClaimWorkRequest.newBuilder().setNodeId(NODE)
                .setMax(1).build()).getAssignments(0);
        assertThat(assignment.getExecution().getId()).isEqualTo(child.getId());
        assertThat(assignment.getTask()).isEqualTo(task);
    }

    @Test
    void spawnChild_codeWithoutRuntime_invalidArgumentNamingTheRuntime() {
        Running root = runningRoot();

        assertRefused(() -> bed.executionsAs(root.token()).spawnChild(SpawnChildRequest.newBuilder()
                .setParentId(root.execution().id().value()).setTask(ai.aegis.proto.v1.Task.newBuilder()
                        .setInstructions("Count").setCode("print(1)")).build()),
                Status.Code.INVALID_ARGUMENT, "task.runtime_missing");
    }

    @Test
    void spawnChild_sharesRootAndTenant() {
        Running root = runningRoot();

        ai.aegis.proto.v1.Execution child = bed.executionsAs(root.token()).spawnChild(
                SpawnChildRequest.newBuilder().setParentId(root.execution().id().value()).build()).getChild();

        assertThat(child.getRootId()).isEqualTo(root.execution().id().value());
        assertThat(child.getTenantId()).isEqualTo(pro.tenantId().value());
        assertThat(child.getParentId()).isEqualTo(root.execution().id().value());
        assertThat(child.getDepth()).isEqualTo(1);
        assertThat(child.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_PENDING);
    }

    @Test
    void spawnChild_beyondDepthCap_refused() {
        Running level = runningRoot();
        for (int depth = 1; depth <= 3; depth++) {
            level = spawnAndBegin(level, SpawnChildRequest.newBuilder());
        }
        Running deepest = level;

        assertRefused(() -> bed.executionsAs(deepest.token()).spawnChild(SpawnChildRequest.newBuilder()
                .setParentId(deepest.execution().id().value()).build()), Status.Code.PERMISSION_DENIED, "subordination.depth");
    }

    @Test
    void spawnChild_moreMemoryOrIterationsOrLaterDeadline_refusedNamingTheDimension() {
        Running root = runningRoot();
        String parent = root.execution().id().value();

        assertRefused(() -> bed.executionsAs(root.token()).spawnChild(SpawnChildRequest.newBuilder().setParentId(parent)
                .setMemoryBytes(root.execution().memoryBytes() * 2).build()), Status.Code.PERMISSION_DENIED, "ceiling.memory");
        assertRefused(() -> bed.executionsAs(root.token()).spawnChild(SpawnChildRequest.newBuilder().setParentId(parent)
                .setMaxIterations(root.execution().maxIterations() + 1).build()), Status.Code.PERMISSION_DENIED,
                "ceiling.iterations");
        assertRefused(() -> bed.executionsAs(root.token()).spawnChild(SpawnChildRequest.newBuilder().setParentId(parent)
                .setDeadline(ProtoMapper.timestamp(root.execution().deadline().plusSeconds(60))).build()),
                Status.Code.PERMISSION_DENIED, "ceiling.deadline");
    }

    @Test
    void spawnChild_broaderTools_refusedNamingTools() {
        Running root = runningRoot();
        ai.aegis.proto.v1.SecurityContext wider = ProtoMapper.context(root.execution().securityContext()).toBuilder()
                .addCapabilities(ai.aegis.proto.v1.Capability.newBuilder().setToolPattern("aegis.agent.create")).build();

        assertRefused(() -> bed.executionsAs(root.token()).spawnChild(SpawnChildRequest.newBuilder()
                .setParentId(root.execution().id().value()).setSecurityContext(wider).build()),
                Status.Code.PERMISSION_DENIED, "ceiling.tools");
    }

    @Test
    void cancel_root_cascadesToGrandchildrenEndsTokensOneEventEachAndTellsTheNode() throws Exception {
        Running root = runningRoot();
        Running child = spawnAndBegin(root, SpawnChildRequest.newBuilder());
        Running grandchild = spawnAndBegin(child, SpawnChildRequest.newBuilder());
        WatchRecorder watcher = WatchRecorder.open(bed.watchAs(root.token()), root.execution().id().value(), 0);

        CancelExecutionResponse cancelled = bed.executionsAs(root.token()).cancel(CancelExecutionRequest.newBuilder()
                .setExecutionId(root.execution().id().value()).build());

        assertThat(cancelled.getCancelledList()).extracting(ai.aegis.proto.v1.Execution::getId).containsExactlyInAnyOrder(
                root.execution().id().value(), child.execution().id().value(), grandchild.execution().id().value());
        for (Running member : List.of(root, child, grandchild)) {
            assertThat(statusOf(member.execution())).isEqualTo(ExecutionStatus.EXECUTION_STATUS_CANCELLED);
            assertRefused(() -> bed.executionsAs(member.token()).get(GetExecutionRequest.newBuilder()
                    .setExecutionId(member.execution().id().value()).build()), Status.Code.UNAUTHENTICATED, "seal.token_revoked");
        }
        List<ExecutionEvent> seen = watcher.awaitStatus(ExecutionStatus.EXECUTION_STATUS_CANCELLED, 3);
        assertThat(seen).filteredOn(e -> e.hasStatus() && e.getStatus().getTo() == ExecutionStatus.EXECUTION_STATUS_CANCELLED)
                .extracting(e -> e.getStatus().getExecutionId()).containsExactlyInAnyOrder(
                        root.execution().id().value(), child.execution().id().value(), grandchild.execution().id().value());
        List<ExecutionEvent> told = watcher.await(e -> e.hasIteration()
                && e.getIteration().getKind() == ai.aegis.proto.v1.IterationKind.ITERATION_KIND_CANCELLED, 3);
        assertThat(told).filteredOn(e -> e.hasIteration()
                        && e.getIteration().getKind() == ai.aegis.proto.v1.IterationKind.ITERATION_KIND_CANCELLED)
                .extracting(e -> e.getIteration().getExecutionId()).containsExactlyInAnyOrder(
                        root.execution().id().value(), child.execution().id().value(), grandchild.execution().id().value());
        assertThat(bed.queries.list(new ai.aegis.application.port.in.ListIterationEventsQuery(pro,
                        grandchild.execution().id(), false)))
                .filteredOn(e -> e.kind() == ai.aegis.domain.iteration.IterationEventKind.CANCELLED).hasSize(1);
        assertThat(bed.node().heartbeat(HeartbeatRequest.newBuilder().setNodeId(NODE).build()).getStopExecutionIdsList())
                .containsExactlyInAnyOrder(root.execution().id().value(), child.execution().id().value(),
                        grandchild.execution().id().value());
        watcher.cancel();
    }

    @Test
    void complete_parentWithRunningChild_childCancelled() {
        Running root = runningRoot();
        Running child = spawnAndBegin(root, SpawnChildRequest.newBuilder());

        bed.executionsAs(root.token()).complete(FinishExecutionRequest.newBuilder()
                .setExecutionId(root.execution().id().value()).setDetail("the report is ready").build());

        assertThat(statusOf(root.execution())).isEqualTo(ExecutionStatus.EXECUTION_STATUS_COMPLETED);
        assertThat(statusOf(child.execution())).isEqualTo(ExecutionStatus.EXECUTION_STATUS_CANCELLED);
    }

    @Test
    void deadline_passed_timedOutCascadesAndWatchersSeeIt() throws Exception {
        Running root = runningRoot();
        Running child = spawnAndBegin(root, SpawnChildRequest.newBuilder());
        WatchRecorder watcher = WatchRecorder.open(bed.watchAs(root.token()), root.execution().id().value(), 0);

        bed.clock.advance(Duration.between(bed.clock.now(), root.execution().deadline()).plusSeconds(1));
        bed.executions.expire(new ExpireOverdueExecutionsCommand(100));

        assertThat(statusOf(root.execution())).isEqualTo(ExecutionStatus.EXECUTION_STATUS_TIMED_OUT);
        assertThat(statusOf(child.execution())).isIn(ExecutionStatus.EXECUTION_STATUS_TIMED_OUT,
                ExecutionStatus.EXECUTION_STATUS_CANCELLED);
        assertThat(watcher.awaitStatus(ExecutionStatus.EXECUTION_STATUS_TIMED_OUT, 1)).isNotEmpty();
        watcher.cancel();
    }

    @Test
    void reportIteration_beyondMaxIterations_refusedAndExecutionFailsSayingSo() {
        Running root = runningRoot();
        ReportIterationRequest attempt = ReportIterationRequest.newBuilder().setExecutionId(root.execution().id().value())
                .setKind(IterationKind.ITERATION_KIND_ATTEMPT_STARTED).build();
        for (int n = 2; n <= root.execution().maxIterations(); n++) {
            bed.executionsAs(root.token()).reportIteration(attempt);
        }

        assertRefused(() -> bed.executionsAs(root.token()).reportIteration(attempt), Status.Code.RESOURCE_EXHAUSTED,
                "execution.iterations_exhausted");
        assertThat(statusOf(root.execution())).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
        assertThat(bed.iterations.listByExecution(pro.tenantId(), root.execution().id())).last()
                .satisfies(event -> assertThat(event.sentence()).contains(IterationBudgetService.EXHAUSTED));
    }

    @Test
    void reportIteration_detailWithStackTraceAndIds_sentenceIsPlainEnglish() {
        Running root = runningRoot();

        ReportIterationResponse response = bed.executionsAs(root.token()).reportIteration(ReportIterationRequest.newBuilder()
                .setExecutionId(root.execution().id().value()).setKind(IterationKind.ITERATION_KIND_VALIDATION_FAILED)
                .setDetail("the import in main.py\njava.lang.IllegalStateException: boom\n\tat com.acme.Foo.bar(Foo.java:42)"
                        + " container 3f2a9c1d7e8b")
                .build());

        String sentence = response.getEvent().getSentence();
        assertThat(sentence).startsWith("Attempt 1 of ").contains("the import in main.py")
                .doesNotContain("Exception").doesNotContain("Foo.java").doesNotContain("3f2a9c1d7e8b")
                .doesNotContain("java.lang");
    }

    @Test
    void tokenForOneExecution_neverActsOnAnother() {
        Running root = runningRoot();
        Running child = spawnAndBegin(root, SpawnChildRequest.newBuilder());

        assertRefused(() -> bed.executionsAs(child.token()).cancel(CancelExecutionRequest.newBuilder()
                .setExecutionId(root.execution().id().value()).build()), Status.Code.PERMISSION_DENIED,
                "seal.token_other_execution");
        assertRefused(() -> bed.executionsAs(root.token()).complete(FinishExecutionRequest.newBuilder()
                .setExecutionId(child.execution().id().value()).build()), Status.Code.PERMISSION_DENIED,
                "seal.token_other_execution");
        assertThat(statusOf(root.execution())).isEqualTo(ExecutionStatus.EXECUTION_STATUS_RUNNING);
        assertThat(statusOf(child.execution())).isEqualTo(ExecutionStatus.EXECUTION_STATUS_RUNNING);
    }

    @Test
    void executionCall_withoutSealToken_unauthenticated() {
        Running root = runningRoot();

        assertRefused(() -> bed.executionsAs(" ").get(GetExecutionRequest.newBuilder()
                .setExecutionId(root.execution().id().value()).build()), Status.Code.UNAUTHENTICATED, "seal.token_missing");
        assertRefused(() -> bed.executionsAs("seal.forged").get(GetExecutionRequest.newBuilder()
                .setExecutionId(root.execution().id().value()).build()), Status.Code.UNAUTHENTICATED, "seal.token_invalid");
    }
}
