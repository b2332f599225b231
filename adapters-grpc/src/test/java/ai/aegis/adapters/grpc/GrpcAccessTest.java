package ai.aegis.adapters.grpc;

import static ai.aegis.adapters.grpc.GrpcTestBed.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.seal.SealAgentKey;
import ai.aegis.proto.v1.AttestRequest;
import ai.aegis.proto.v1.BeginExecutionRequest;
import ai.aegis.proto.v1.CancelExecutionRequest;
import ai.aegis.proto.v1.ClaimWorkRequest;
import ai.aegis.proto.v1.ExecutionServiceGrpc;
import ai.aegis.proto.v1.ExecutionStatus;
import ai.aegis.proto.v1.FinishExecutionRequest;
import ai.aegis.proto.v1.GetExecutionRequest;
import ai.aegis.proto.v1.HeartbeatRequest;
import ai.aegis.proto.v1.InvokeRequest;
import ai.aegis.proto.v1.InvokeResponse;
import ai.aegis.proto.v1.IterationKind;
import ai.aegis.proto.v1.ListExecutionsRequest;
import ai.aegis.proto.v1.NodeServiceGrpc;
import ai.aegis.proto.v1.RegisterNodeRequest;
import ai.aegis.proto.v1.ReportIterationRequest;
import ai.aegis.proto.v1.SpawnChildRequest;
import ai.aegis.proto.v1.WatchExecutionRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who may call what: node credentials, SEAL-token scoping across tenants on every execution RPC,
 * dedicated nodes, SEAL attest and invoke, and the operator role gates.
 */
class GrpcAccessTest {

    private final GrpcTestBed bed = new GrpcTestBed();
    private final Identity.ZaruUser alice = user("alice", ZaruTier.PRO);
    private final Identity.ZaruUser mallory = user("mallory", ZaruTier.PRO);

    @AfterEach
    void close() {
        bed.close();
    }

    private static void assertRefused(Runnable call, Status.Code status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(status);
            assertThat(e.getTrailers().get(GrpcErrors.ERROR_CODE)).isEqualTo(code);
        });
    }

    private NodeServiceGrpc.NodeServiceBlockingStub nodeWith(String secret) {
        Metadata headers = new Metadata();
        if (secret != null) {
            headers.put(NodeAuthInterceptor.NODE_TOKEN, secret);
        }
        return NodeServiceGrpc.newBlockingStub(bed.channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @Test
    void nodeCall_missingOrWrongCredential_unauthenticated() {
        RegisterNodeRequest register = RegisterNodeRequest.newBuilder().setNodeId("n").setCapacity(1).build();

        assertRefused(() -> nodeWith(null).register(register), Status.Code.UNAUTHENTICATED, "node.credential_missing");
        assertRefused(() -> nodeWith(GrpcTestBed.NODE_SECRET + "x").register(register), Status.Code.UNAUTHENTICATED,
                "node.credential_invalid");
        assertThat(bed.registry.list()).isEmpty();
        ExecutionServiceGrpc.ExecutionServiceBlockingStub noNode = ExecutionServiceGrpc.newBlockingStub(bed.channel);
        assertRefused(() -> noNode.get(GetExecutionRequest.newBuilder().setExecutionId("x").build()),
                Status.Code.UNAUTHENTICATED, "node.credential_missing");
    }

    @Test
    void everyExecutionRpc_withAnotherTenantsToken_refusedAndNothingChanges() throws Exception {
        bed.registerNode("node-1", List.of());
        Execution victim = bed.startRoot(alice);
        bed.begin("node-1", victim);
        Execution own = bed.startRoot(mallory);
        String malloryToken = bed.begin("node-1", own);
        ExecutionServiceGrpc.ExecutionServiceBlockingStub asMallory = bed.executionsAs(malloryToken);
        String id = victim.id().value();

        List<Runnable> calls = new ArrayList<>(List.of(
                () -> asMallory.reportIteration(ReportIterationRequest.newBuilder().setExecutionId(id)
                        .setKind(IterationKind.ITERATION_KIND_FIX_APPLIED).build()),
                () -> asMallory.spawnChild(SpawnChildRequest.newBuilder().setParentId(id).build()),
                () -> asMallory.complete(FinishExecutionRequest.newBuilder().setExecutionId(id).build()),
                () -> asMallory.fail(FinishExecutionRequest.newBuilder().setExecutionId(id).build()),
                () -> asMallory.cancel(CancelExecutionRequest.newBuilder().setExecutionId(id).build()),
                () -> asMallory.get(GetExecutionRequest.newBuilder().setExecutionId(id).build()),
                () -> asMallory.getTree(GetExecutionRequest.newBuilder().setExecutionId(id).build()),
                () -> asMallory.watch(WatchExecutionRequest.newBuilder().setExecutionId(id).build()).hasNext()));
        for (Runnable call : calls) {
            assertRefused(call, Status.Code.PERMISSION_DENIED, "seal.token_other_execution");
        }
        Execution after = bed.executionStore.findInAnyTenant(victim.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(ai.aegis.domain.execution.ExecutionStatus.RUNNING);
        assertThat(after.iterationCount()).isEqualTo(1);
        assertThat(bed.executionStore.loadTree(alice.tenantId(), victim.id(), 3).orElseThrow().executions()).hasSize(1);
        assertThat(bed.fanOut.watchCount()).isZero();
    }

    @Test
    void beginOrAttest_byANodeWithoutTheLease_refused() {
        bed.registerNode("node-1", List.of());
        bed.registerNode("node-2", List.of());
        Execution victim = bed.startRoot(alice);
        bed.begin("node-1", victim);
        String key = SealAgentKey.fromPublicKey(bed.agent.getPublic()).toBase64Url();

        assertRefused(() -> bed.node().beginExecution(BeginExecutionRequest.newBuilder().setNodeId("node-2")
                .setExecutionId(victim.id().value()).setAgentPublicKey(key).build()), Status.Code.PERMISSION_DENIED,
                "node.not_lease_holder");
        assertRefused(() -> bed.seal().attest(AttestRequest.newBuilder().setNodeId("node-2")
                .setExecutionId(victim.id().value()).setAgentPublicKey(key).build()), Status.Code.PERMISSION_DENIED,
                "node.not_lease_holder");
    }

    @Test
    void claimWork_dedicatedNode_onlyItsTenantsWorkAndNeverAnyoneElses() {
        bed.registerNode("alice-dedicated", List.of(alice.tenantId().value()));
        bed.registerNode("shared", List.of());
        Execution alices = bed.startRoot(alice);
        Execution mallorys = bed.startRoot(mallory);

        List<String> byShared = new ArrayList<>();
        bed.node().claimWork(ClaimWorkRequest.newBuilder().setNodeId("shared").setMax(10).build()).getAssignmentsList()
                .forEach(a -> byShared.add(a.getExecution().getId()));
        List<String> byDedicated = new ArrayList<>();
        bed.node().claimWork(ClaimWorkRequest.newBuilder().setNodeId("alice-dedicated").setMax(10).build())
                .getAssignmentsList().forEach(a -> byDedicated.add(a.getExecution().getId()));

        assertThat(byShared).containsExactly(mallorys.id().value());
        assertThat(byDedicated).containsExactly(alices.id().value());
    }

    @Test
    void heartbeat_unregisteredNode_notFound() {
        assertRefused(() -> bed.node().heartbeat(HeartbeatRequest.newBuilder().setNodeId("ghost").build()),
                Status.Code.NOT_FOUND, "node.not_registered");
    }

    @Test
    void sealInvoke_allowedToolCall_answersTheCall() {
        bed.registerNode("node-1", List.of());
        Execution root = bed.startRoot(alice);
        String token = bed.begin("node-1", root);

        InvokeResponse allowed = bed.seal().invoke(InvokeRequest.newBuilder().setEnvelopeJson(bed.envelope(token,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"fs.read\","
                        + "\"arguments\":{\"path\":\"/workspace/notes.txt\"}}}")).build());

        assertThat(allowed.getDecision()).isEqualTo("allowed");
        assertThat(allowed.getToolName()).isEqualTo("fs.read");
        assertThat(allowed.getExecutionId()).isEqualTo(root.id().value());
    }

    @Test
    void sealInvoke_toolOutsideTheContext_permissionDenied() {
        bed.registerNode("node-1", List.of());
        Execution root = bed.startRoot(alice);
        String token = bed.begin("node-1", root);

        assertThatThrownBy(() -> bed.seal().invoke(InvokeRequest.newBuilder().setEnvelopeJson(bed.envelope(token,
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"aegis.agent.delete\","
                        + "\"arguments\":{}}}")).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    }

    @Test
    void sealInvoke_childNarrowedToReadOnly_cannotDoWhatOnlyItsParentCould() {
        bed.registerNode("node-1", List.of());
        Execution root = bed.startRoot(alice);
        String rootToken = bed.begin("node-1", root);
        ai.aegis.proto.v1.SecurityContext narrow = ai.aegis.proto.v1.SecurityContext.newBuilder()
                .setName(root.securityContext().name().value())
                .addCapabilities(ai.aegis.proto.v1.Capability.newBuilder().setToolPattern("fs.read")
                        .setHasPathAllowlist(true).addPathAllowlist("/workspace"))
                .build();
        ai.aegis.proto.v1.Execution child = bed.executionsAs(rootToken).spawnChild(SpawnChildRequest.newBuilder()
                .setParentId(root.id().value()).setSecurityContext(narrow).build()).getChild();
        String childToken = bed.begin("node-1", bed.executionStore.findInAnyTenant(
                ai.aegis.domain.execution.ExecutionId.of(child.getId())).orElseThrow());
        String write = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"fs.write\","
                + "\"arguments\":{\"path\":\"/workspace/a.txt\",\"content\":\"x\"}}}";

        assertThat(bed.seal().invoke(InvokeRequest.newBuilder().setEnvelopeJson(bed.envelope(rootToken, write)).build())
                .getDecision()).isEqualTo("allowed");
        assertThatThrownBy(() -> bed.seal().invoke(InvokeRequest.newBuilder()
                .setEnvelopeJson(bed.envelope(childToken, write)).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    }

    @Test
    void operatorAdmin_readonlyReadsButCannotCancel_operatorCancelsAnyTenant() {
        bed.registerNode("node-1", List.of());
        Execution root = bed.startRoot(alice);
        String token = bed.begin("node-1", root);
        bed.executionsAs(token).spawnChild(SpawnChildRequest.newBuilder().setParentId(root.id().value()).build());
        CancelExecutionRequest cancel = CancelExecutionRequest.newBuilder().setExecutionId(root.id().value()).build();

        assertThat(bed.admin(GrpcTestBed.READONLY).listExecutions(ListExecutionsRequest.getDefaultInstance())
                .getExecutionsList()).hasSize(2);
        assertThat(bed.admin(GrpcTestBed.READONLY).getTree(GetExecutionRequest.newBuilder()
                .setExecutionId(root.id().value()).build()).getExecutionsList()).hasSize(2);
        assertRefused(() -> bed.admin(GrpcTestBed.READONLY).cancelExecution(cancel), Status.Code.PERMISSION_DENIED,
                "role.too_low");
        assertRefused(() -> bed.admin(GrpcTestBed.CONSUMER).listExecutions(ListExecutionsRequest.getDefaultInstance()),
                Status.Code.PERMISSION_DENIED, "identity.not_operator");

        assertThat(bed.admin(GrpcTestBed.OPERATOR).cancelExecution(cancel).getCancelledList())
                .extracting(ai.aegis.proto.v1.Execution::getStatus).containsOnly(ExecutionStatus.EXECUTION_STATUS_CANCELLED)
                .hasSize(2);
        assertThat(bed.audit.all()).anySatisfy(record -> {
            assertThat(record.action()).isEqualTo("operator.execution.cancel");
            assertThat(record.actorSubject()).isEqualTo("sre-7");
        });
    }

    @Test
    void operatorWatch_readonlySeesAnotherTenantsEvents() throws Exception {
        bed.registerNode("node-1", List.of());
        Execution root = bed.startRoot(alice);
        String token = bed.begin("node-1", root);
        WatchRecorder watcher = WatchRecorder.open(bed.adminAsync(GrpcTestBed.READONLY), root.id().value());

        bed.executionsAs(token).reportIteration(ReportIterationRequest.newBuilder().setExecutionId(root.id().value())
                .setKind(IterationKind.ITERATION_KIND_FIX_APPLIED).setDetail("the parser").build());

        assertThat(watcher.await(e -> e.hasIteration(), 1)).filteredOn(e -> e.hasIteration())
                .extracting(e -> e.getIteration().getSentence())
                .containsExactly("Attempt 1 of 10: the agent applied a fix to the parser and is checking it again.");
        watcher.cancel();
    }

}
