package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.contract.ContractFixtures;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.node.Node;
import ai.aegis.domain.node.NodeId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The node tables under row-level security as the service's own role: nodes only by bypass, leases per tenant. */
class NodeTablesRowLevelSecurityTest {

    private static final TenantId A = ContractFixtures.TENANT_A;
    private static final TenantId B = ContractFixtures.TENANT_B;

    @RegisterExtension
    static final PostgresDatabase DATABASE = PostgresDatabase.asServiceRole();

    @BeforeAll
    static void claimOneExecutionOfEachTenant() {
        ExecutionPersistenceAdapter executions = new ExecutionPersistenceAdapter(DATABASE.persistence().jdbi());
        executions.insertRoot(ContractFixtures.newTree(A, "root-a", "conv-a").root());
        executions.insertRoot(ContractFixtures.newTree(B, "root-b", "conv-b").root());
        NodePersistenceAdapter nodes = new NodePersistenceAdapter(DATABASE.persistence().jdbi());
        Node node = Node.register(NodeId.of("node-1"), 4, Map.of(), Set.of(), Set.of(), ContractFixtures.NOW);
        nodes.save(node);
        nodes.claim(node, 10, ContractFixtures.NOW, ContractFixtures.NOW.plusSeconds(30));
    }

    private static long count(String sql, TenantId tenant) {
        return new TenantTransactions(DATABASE.persistence().jdbi())
                .inTenant(tenant, h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void assignments_inTenantB_onlyTenantBsLeaseVisible() {
        assertThat(count("SELECT count(*) FROM execution_assignment", B)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM execution_assignment WHERE tenant_id <> '" + B.value() + "'", B)).isZero();
    }

    @Test
    void nodes_fromATenantSession_invisible() {
        assertThat(count("SELECT count(*) FROM node", A)).isZero();
    }

    @Test
    void withoutTenantOrBypass_nothingVisible() {
        long leases = DATABASE.persistence().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM execution_assignment").mapTo(Long.class).one());
        long nodes = DATABASE.persistence().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM node")
                .mapTo(Long.class).one());

        assertThat(leases).isZero();
        assertThat(nodes).isZero();
    }

    @Test
    void declaredBypass_seesBothLeases() {
        long leases = new TenantTransactions(DATABASE.persistence().jdbi()).acrossTenants("test",
                h -> h.createQuery("SELECT count(*) FROM execution_assignment").mapTo(Long.class).one());

        assertThat(leases).isEqualTo(2);
    }
}
