package ai.aegis.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.port.out.TenantAccountPort;
import ai.aegis.application.port.out.UserAccountKey;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.tenancy.TenantAccount;
import ai.aegis.domain.tenancy.UserAccount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link TenantAccountPort} adapter must do. */
public abstract class TenantAccountPortContract {

    protected abstract TenantAccountPort newTenantAccounts();

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final TenantId CONSUMER = ContractFixtures.TENANT_A;
    private static final TenantId OTHER = ContractFixtures.TENANT_B;
    private static final TenantId ORG = TenantId.of("acme-labs");

    @Test
    void tenant_neverSeen_empty() {
        assertThat(newTenantAccounts().tenant(CONSUMER)).isEmpty();
    }

    @Test
    void recordPlanSeen_first_storesTierAndInstant() {
        TenantAccountPort accounts = newTenantAccounts();

        TenantAccount stored = accounts.recordPlanSeen(CONSUMER, ZaruTier.BUSINESS, T0);

        assertThat(stored).isEqualTo(new TenantAccount(CONSUMER, ZaruTier.BUSINESS, T0));
        assertThat(accounts.tenant(CONSUMER)).contains(stored);
        assertThat(accounts.tenant(OTHER)).isEmpty();
    }

    @Test
    void recordPlanSeen_consumerDowngrade_followsWithNewInstant() {
        TenantAccountPort accounts = newTenantAccounts();
        accounts.recordPlanSeen(CONSUMER, ZaruTier.ENTERPRISE, T0);

        accounts.recordPlanSeen(CONSUMER, ZaruTier.FREE, T0.plusSeconds(60));

        assertThat(accounts.tenant(CONSUMER)).contains(new TenantAccount(CONSUMER, ZaruTier.FREE, T0.plusSeconds(60)));
    }

    @Test
    void recordPlanSeen_organisationLowerTier_keepsHighestAndFirstInstant() {
        TenantAccountPort accounts = newTenantAccounts();
        accounts.recordPlanSeen(ORG, ZaruTier.BUSINESS, T0);

        TenantAccount stored = accounts.recordPlanSeen(ORG, ZaruTier.PRO, T0.plusSeconds(60));

        assertThat(stored).isEqualTo(new TenantAccount(ORG, ZaruTier.BUSINESS, T0));
        assertThat(accounts.tenant(ORG)).contains(stored);
    }

    @Test
    void recordPlanSeen_organisationConcurrentTiers_endsWithHighest() throws Exception {
        TenantAccountPort accounts = newTenantAccounts();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ZaruTier tier = ZaruTier.values()[i % ZaruTier.values().length];
            calls.add(pool.submit(() -> accounts.recordPlanSeen(ORG, tier, T0)));
        }
        for (Future<?> call : calls) {
            call.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(accounts.tenant(ORG).map(TenantAccount::plan)).contains(ZaruTier.ENTERPRISE);
    }

    @Test
    void user_nothingConfigured_standard() {
        assertThat(newTenantAccounts().user(ORG, "alice")).isEqualTo(UserAccount.standard(ORG, "alice"));
    }

    @Test
    void saveUser_thenRead_sameAccountAndReplacedAsAWhole() {
        TenantAccountPort accounts = newTenantAccounts();
        UserAccount configured = UserAccount.standard(ORG, "alice").withTierOverride(Optional.of(ZaruTier.ENTERPRISE))
                .withByok(true).withSuspended(true);
        accounts.saveUser(configured);
        assertThat(accounts.user(ORG, "alice")).isEqualTo(configured);

        UserAccount replaced = UserAccount.standard(ORG, "alice").withByok(true);
        accounts.saveUser(replaced);

        assertThat(accounts.user(ORG, "alice")).isEqualTo(replaced);
    }

    @Test
    void user_sameSubjectInAnotherTenant_notSeen() {
        TenantAccountPort accounts = newTenantAccounts();
        accounts.saveUser(UserAccount.standard(CONSUMER, "alice").withSuspended(true));

        assertThat(accounts.user(OTHER, "alice")).isEqualTo(UserAccount.standard(OTHER, "alice"));
        assertThat(accounts.user(CONSUMER, "bob")).isEqualTo(UserAccount.standard(CONSUMER, "bob"));
    }

    @Test
    void listTenants_pagedByTenantId_everyTenantOnceInOrder() {
        TenantAccountPort accounts = newTenantAccounts();
        accounts.recordPlanSeen(ORG, ZaruTier.PRO, T0);
        accounts.recordPlanSeen(CONSUMER, ZaruTier.FREE, T0);
        accounts.recordPlanSeen(OTHER, ZaruTier.BUSINESS, T0);
        accounts.recordPlanSeen(TenantId.of("a-team"), ZaruTier.ENTERPRISE, T0);

        List<TenantAccount> first = accounts.listTenants(Optional.empty(), 2);
        List<TenantAccount> second = accounts.listTenants(Optional.of(first.get(1).tenantId()), 2);
        List<TenantAccount> third = accounts.listTenants(Optional.of(second.get(1).tenantId()), 2);

        assertThat(first).extracting(TenantAccount::tenantId).containsExactly(TenantId.of("a-team"), ORG);
        assertThat(second).extracting(TenantAccount::tenantId).containsExactly(CONSUMER, OTHER);
        assertThat(second.get(1).plan()).isEqualTo(ZaruTier.BUSINESS);
        assertThat(third).isEmpty();
    }

    @Test
    void listUsers_acrossTenantsAndInOne_configuredUsersInTenantSubjectOrder() {
        TenantAccountPort accounts = newTenantAccounts();
        UserAccount bob = UserAccount.standard(ORG, "bob").withByok(true);
        UserAccount alice = UserAccount.standard(ORG, "alice").withTierOverride(Optional.of(ZaruTier.PRO));
        UserAccount carol = UserAccount.standard(CONSUMER, "carol").withSuspended(true);
        accounts.saveUser(bob);
        accounts.saveUser(carol);
        accounts.saveUser(alice);

        List<UserAccount> first = accounts.listUsers(Optional.empty(), Optional.empty(), 2);
        List<UserAccount> rest = accounts.listUsers(Optional.empty(), Optional.of(UserAccountKey.of(first.get(1))), 2);

        assertThat(first).containsExactly(alice, bob);
        assertThat(rest).containsExactly(carol);
        assertThat(accounts.listUsers(Optional.of(ORG), Optional.of(UserAccountKey.of(alice)), 10)).containsExactly(bob);
        assertThat(accounts.listUsers(Optional.of(OTHER), Optional.empty(), 10)).isEmpty();
    }

    @Test
    void setTenantSuspended_onThenOff_seenOnlyForThatTenant() {
        TenantAccountPort accounts = newTenantAccounts();
        assertThat(accounts.tenantSuspended(ORG)).isFalse();

        accounts.setTenantSuspended(ORG, true);
        accounts.setTenantSuspended(ORG, true);

        assertThat(accounts.tenantSuspended(ORG)).isTrue();
        assertThat(accounts.tenantSuspended(CONSUMER)).isFalse();
        accounts.setTenantSuspended(ORG, false);
        assertThat(accounts.tenantSuspended(ORG)).isFalse();
    }
}
