package ai.aegis.application.contract;

import static ai.aegis.application.contract.ContractFixtures.NOW;
import static ai.aegis.application.contract.ContractFixtures.TENANT_A;
import static ai.aegis.application.contract.ContractFixtures.TENANT_B;
import static ai.aegis.application.contract.ContractFixtures.newTree;
import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.port.out.ExecutionRepositoryPort;
import ai.aegis.application.port.out.NodeRegistryPort;
import ai.aegis.application.port.out.WorkClaimPort;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.node.Node;
import ai.aegis.domain.node.NodeId;
import ai.aegis.domain.node.WorkLease;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link NodeRegistryPort} and {@link WorkClaimPort} adapter pair must do; subclass it per adapter. */
public abstract class NodeWorkPortsContract {

    /** Three ports over one fresh, empty store. */
    public record Stores(ExecutionRepositoryPort executions, NodeRegistryPort nodes, WorkClaimPort work) {
    }

    protected abstract Stores newStores();

    private ExecutionRepositoryPort executions;
    private NodeRegistryPort nodes;
    private WorkClaimPort work;

    @BeforeEach
    void setUpStores() {
        Stores stores = newStores();
        executions = stores.executions();
        nodes = stores.nodes();
        work = stores.work();
    }

    private static final Instant UNTIL = NOW.plusSeconds(30);

    private Node node(String id, int capacity, Set<ai.aegis.domain.identity.TenantId> dedicated) {
        Node node = Node.register(NodeId.of(id), capacity, Map.of("zone", "eu"), Set.of("python:3.12", "bash"),
                dedicated, NOW);
        nodes.save(node);
        return node;
    }

    private Execution pendingRoot(ai.aegis.domain.identity.TenantId tenant, String id) {
        ExecutionTree tree = newTree(tenant, id, "conv-" + id);
        executions.insertRoot(tree.root());
        return tree.root();
    }

    @Test
    void save_thenFind_returnsTheNodeWithItsLabelsRuntimesAndTenants() {
        Node saved = node("node-1", 4, Set.of(TENANT_A));

        assertThat(nodes.find(NodeId.of("node-1"))).contains(saved);
        assertThat(nodes.list()).containsExactly(saved);
    }

    @Test
    void save_again_replacesTheRegistration() {
        node("node-1", 4, Set.of());
        Node again = Node.register(NodeId.of("node-1"), 8, Map.of(), Set.of("node:22"), Set.of(), NOW.plusSeconds(5));
        nodes.save(again);

        assertThat(nodes.find(NodeId.of("node-1"))).contains(again);
        assertThat(nodes.list()).hasSize(1);
    }

    @Test
    void claim_pendingWork_leasedOnceOldestFirst() {
        pendingRoot(TENANT_A, "root-1");
        pendingRoot(TENANT_B, "root-2");
        Node node = node("node-1", 4, Set.of());

        List<WorkLease> first = work.claim(node, 10, NOW, UNTIL);
        List<WorkLease> second = work.claim(node, 10, NOW, UNTIL);

        assertThat(first).extracting(WorkLease::executionId).containsExactlyInAnyOrder(
                ExecutionId.of("root-1"), ExecutionId.of("root-2"));
        assertThat(first).allSatisfy(lease -> assertThat(lease.expiresAt()).isEqualTo(UNTIL));
        assertThat(second).isEmpty();
        assertThat(work.leasesOf(node.id())).hasSize(2);
    }

    @Test
    void claim_respectsMax() {
        pendingRoot(TENANT_A, "root-1");
        pendingRoot(TENANT_A, "root-2");
        Node node = node("node-1", 4, Set.of());

        assertThat(work.claim(node, 1, NOW, UNTIL)).hasSize(1);
    }

    @Test
    void claim_dedicatedTenantsWork_onlyByItsNode() {
        pendingRoot(TENANT_A, "root-a");
        pendingRoot(TENANT_B, "root-b");
        Node shared = node("shared", 4, Set.of());
        Node dedicated = node("dedicated-a", 4, Set.of(TENANT_A));

        List<WorkLease> byShared = work.claim(shared, 10, NOW, UNTIL);
        List<WorkLease> byDedicated = work.claim(dedicated, 10, NOW, UNTIL);

        assertThat(byShared).extracting(WorkLease::executionId).containsExactly(ExecutionId.of("root-b"));
        assertThat(byDedicated).extracting(WorkLease::executionId).containsExactly(ExecutionId.of("root-a"));
    }

    @Test
    void claim_dedicatedNode_neverTakesAnotherTenantsWork() {
        pendingRoot(TENANT_B, "root-b");
        Node dedicated = node("dedicated-a", 4, Set.of(TENANT_A));

        assertThat(work.claim(dedicated, 10, NOW, UNTIL)).isEmpty();
    }

    @Test
    void renew_pushesEveryLeaseOfTheNode() {
        pendingRoot(TENANT_A, "root-1");
        Node node = node("node-1", 4, Set.of());
        work.claim(node, 10, NOW, UNTIL);

        int held = work.renew(node.id(), UNTIL.plusSeconds(60));

        assertThat(held).isEqualTo(1);
        assertThat(work.find(ExecutionId.of("root-1")).orElseThrow().expiresAt()).isEqualTo(UNTIL.plusSeconds(60));
        assertThat(work.expired(UNTIL, 10)).isEmpty();
    }

    @Test
    void expired_thenRelease_workClaimableAgain() {
        pendingRoot(TENANT_A, "root-1");
        Node first = node("node-1", 4, Set.of());
        Node second = node("node-2", 4, Set.of());
        work.claim(first, 10, NOW, UNTIL);

        List<WorkLease> expired = work.expired(UNTIL, 10);
        assertThat(expired).extracting(WorkLease::nodeId).containsExactly(first.id());
        assertThat(work.release(expired.get(0))).isTrue();

        assertThat(work.claim(second, 10, UNTIL, UNTIL.plusSeconds(30))).extracting(WorkLease::nodeId)
                .containsExactly(second.id());
    }

    @Test
    void release_byAnotherNode_keepsTheLease() {
        pendingRoot(TENANT_A, "root-1");
        Node holder = node("node-1", 4, Set.of());
        WorkLease lease = work.claim(holder, 10, NOW, UNTIL).get(0);

        boolean released = work.release(new WorkLease(lease.executionId(), lease.tenantId(), NodeId.of("intruder"),
                lease.claimedAt(), lease.expiresAt()));

        assertThat(released).isFalse();
        assertThat(work.find(lease.executionId())).isPresent();
    }

    @Test
    void claim_concurrentNodes_eachExecutionLeasedExactlyOnce() throws Exception {
        for (int i = 0; i < 20; i++) {
            pendingRoot(TENANT_A, "root-" + i);
        }
        List<Node> contenders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            contenders.add(node("node-" + i, 20, Set.of()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(contenders.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<List<WorkLease>>> futures = new ArrayList<>();
            for (Node contender : contenders) {
                Callable<List<WorkLease>> claim = () -> {
                    go.await();
                    List<WorkLease> all = new ArrayList<>();
                    for (int round = 0; round < 10; round++) {
                        all.addAll(work.claim(contender, 3, NOW, UNTIL));
                    }
                    return all;
                };
                futures.add(pool.submit(claim));
            }
            go.countDown();
            List<ExecutionId> claimed = new ArrayList<>();
            for (Future<List<WorkLease>> future : futures) {
                future.get().forEach(lease -> claimed.add(lease.executionId()));
            }
            assertThat(claimed).hasSize(20);
            assertThat(new HashSet<>(claimed)).hasSize(20);
        } finally {
            pool.shutdownNow();
        }
    }
}
