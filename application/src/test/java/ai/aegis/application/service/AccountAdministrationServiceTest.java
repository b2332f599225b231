package ai.aegis.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.memory.InMemoryAuditLogAdapter;
import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.memory.InMemoryLimitOverridesAdapter;
import ai.aegis.application.memory.InMemoryNodeRegistryAdapter;
import ai.aegis.application.memory.InMemoryTenantAccountAdapter;
import ai.aegis.application.memory.InMemoryUserModelKeyAdapter;
import ai.aegis.application.port.in.GetSystemInfoQuery;
import ai.aegis.application.port.in.GetTenantAccountQuery;
import ai.aegis.application.port.in.GetUserAccountQuery;
import ai.aegis.application.port.in.ListTenantAccountsQuery;
import ai.aegis.application.port.in.ListUserAccountsQuery;
import ai.aegis.application.port.in.TenantAccountDetails;
import ai.aegis.application.port.in.TenantAccountPage;
import ai.aegis.application.port.in.UpdateTenantAccountCommand;
import ai.aegis.application.port.in.UpdateUserAccountCommand;
import ai.aegis.application.port.in.UserAccountDetails;
import ai.aegis.application.port.in.UserAccountPage;
import ai.aegis.application.port.out.ModelApiKey;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.tenancy.TenantScope;
import ai.aegis.domain.tenancy.UserAccount;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Operators read accounts, administrators change them; every step audited in the platform tenant. */
class AccountAdministrationServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final TenantId ORG = TenantId.of("acme-labs");
    private static final TenantId CONSUMER = TenantId.consumer(UUID.fromString("7d0c8a52-3a43-4c39-9a35-0f5e0c7b1a11"));
    private static final Identity READONLY = new Identity.Operator("viewer", AegisRole.READONLY);
    private static final Identity OPERATOR = new Identity.Operator("ops", AegisRole.OPERATOR);
    private static final Identity ADMIN = new Identity.Operator("root", AegisRole.ADMIN);
    private static final Identity CONSUMER_USER = new Identity.ZaruUser(ZaruUserId.of("alice"), CONSUMER,
            ZaruTier.ENTERPRISE);

    private final InMemoryTenantAccountAdapter accounts = new InMemoryTenantAccountAdapter();
    private final InMemoryUserModelKeyAdapter modelKeys = new InMemoryUserModelKeyAdapter();
    private final InMemoryLimitOverridesAdapter overrides = new InMemoryLimitOverridesAdapter();
    private final InMemoryAuditLogAdapter audit = new InMemoryAuditLogAdapter();
    private final InMemoryClockAdapter clock = new InMemoryClockAdapter(NOW);
    private final AccountAdministrationService service = new AccountAdministrationService(accounts, overrides, modelKeys, audit,
            clock);

    private static UpdateUserAccountCommand suspend(Identity actor, TenantId tenant, String subject) {
        return new UpdateUserAccountCommand(actor, tenant, subject, Optional.empty(), false, Optional.empty(),
                Optional.of(true), Optional.empty());
    }

    private static String code(Runnable call) {
        try {
            call.run();
            return "allowed";
        } catch (DomainException refusal) {
            return refusal.code();
        }
    }

    @Test
    void update_admin_changesTierByokSuspensionAndLimits() {
        accounts.recordPlanSeen(CONSUMER, ZaruTier.FREE, NOW);
        LimitOverrides limits = LimitOverrides.none().withMaxIterations(42);

        UserAccountDetails details = service.update(new UpdateUserAccountCommand(ADMIN, CONSUMER, "alice",
                Optional.of(ZaruTier.BUSINESS), false, Optional.of(true), Optional.of(true), Optional.of(limits)));

        assertThat(details.account()).isEqualTo(UserAccount.standard(CONSUMER, "alice")
                .withTierOverride(Optional.of(ZaruTier.BUSINESS)).withByok(true).withSuspended(true));
        assertThat(details.limitOverrides()).isEqualTo(limits);
        assertThat(details.effectiveLimits().orElseThrow().maxIterations()).isEqualTo(42);
        assertThat(details.effectiveLimits().orElseThrow().auditRetention()).isPresent();
        assertThat(details.refused()).isTrue();
        assertThat(accounts.user(CONSUMER, "alice").suspended()).isTrue();
        assertThat(overrides.forUser(CONSUMER, "alice")).isEqualTo(limits);
    }

    @Test
    void update_adminStoresModelKey_keptForTheUserAndShownOnlyAsFingerprint() {
        ModelApiKey own = ModelApiKey.userSupplied("sk-alice-own-key-123");

        UserAccountDetails details = service.update(new UpdateUserAccountCommand(ADMIN, CONSUMER, "alice",
                Optional.empty(), false, Optional.of(true), Optional.empty(), Optional.empty(), Optional.of(own), false));

        assertThat(modelKeys.find(CONSUMER, "alice")).contains(own);
        assertThat(details.modelKeyFingerprint()).contains(own.fingerprint());
        assertThat(details.toString()).doesNotContain("sk-alice-own-key-123");
        assertThat(audit.all()).isNotEmpty().allSatisfy(record -> assertThat(record.toString()).doesNotContain("sk-alice"));
    }

    @Test
    void update_clearModelKey_removedAndNoFingerprint() {
        modelKeys.save(CONSUMER, "alice", ModelApiKey.userSupplied("sk-alice-own-key-123"));

        UserAccountDetails details = service.update(new UpdateUserAccountCommand(ADMIN, CONSUMER, "alice",
                Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), true));

        assertThat(modelKeys.find(CONSUMER, "alice")).isEmpty();
        assertThat(details.modelKeyFingerprint()).isEmpty();
    }

    @Test
    void update_operatorStoresModelKey_refusedAndNothingStored() {
        assertThat(code(() -> service.update(new UpdateUserAccountCommand(OPERATOR, CONSUMER, "alice",
                Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(ModelApiKey.userSupplied("sk-alice-own-key-123")), false)))).isEqualTo("role.too_low");
        assertThat(modelKeys.find(CONSUMER, "alice")).isEmpty();
    }

    @Test
    void modelKey_userSuppliedWithSpacesOrTooShort_refusedWithoutEchoingIt() {
        assertThatThrownBy(() -> ModelApiKey.userSupplied("sk 123456789"))
                .hasMessageNotContaining("sk 123456789")
                .extracting(e -> ((DomainException) e).code()).isEqualTo("model.key_invalid");
        assertThatThrownBy(() -> ModelApiKey.userSupplied("short"))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("model.key_invalid");
    }

    @Test
    void update_clearTierOverride_keepsOtherFields() {
        accounts.saveUser(UserAccount.standard(ORG, "bob").withTierOverride(Optional.of(ZaruTier.PRO)).withByok(true));

        UserAccountDetails details = service.update(new UpdateUserAccountCommand(ADMIN, ORG, "bob", Optional.empty(),
                true, Optional.empty(), Optional.empty(), Optional.empty()));

        assertThat(details.account()).isEqualTo(UserAccount.standard(ORG, "bob").withByok(true));
        assertThat(details.effectiveLimits()).isEmpty();
    }

    @Test
    void everyOperation_eachRole_readsForAllOperatorsChangesForAdminOnly() {
        for (Identity actor : new Identity[] {READONLY, OPERATOR, ADMIN, CONSUMER_USER}) {
            String read = actor instanceof Identity.Operator ? "allowed" : "identity.not_operator";
            String change = actor == ADMIN ? "allowed" : actor instanceof Identity.Operator ? "role.too_low"
                    : "identity.not_operator";
            assertThat(code(() -> service.get(new GetUserAccountQuery(actor, ORG, "bob")))).isEqualTo(read);
            assertThat(code(() -> service.list(new ListUserAccountsQuery(actor, Optional.empty(), Optional.empty(), 10))))
                    .isEqualTo(read);
            assertThat(code(() -> service.get(new GetTenantAccountQuery(actor, ORG)))).isEqualTo(read);
            assertThat(code(() -> service.list(new ListTenantAccountsQuery(actor, Optional.empty(), 10)))).isEqualTo(read);
            assertThat(code(() -> service.update(suspend(actor, ORG, "bob")))).isEqualTo(change);
            assertThat(code(() -> service.update(new UpdateTenantAccountCommand(actor, ORG, Optional.of(false),
                    Optional.empty())))).isEqualTo(change);
        }
        assertThat(accounts.user(ORG, "bob").suspended()).isTrue();
    }

    @Test
    void update_refusedForReadonly_nothingChangedAndDenialAudited() {
        assertThatThrownBy(() -> service.update(suspend(READONLY, ORG, "bob"))).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("admin");

        assertThat(accounts.user(ORG, "bob").suspended()).isFalse();
        assertThat(audit.all()).extracting(AuditRecord::action, AuditRecord::decision, AuditRecord::reasonCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("operator.user.update", AuditDecision.DENIED,
                        "role.too_low"));
    }

    @Test
    void update_allowed_auditedInPlatformTenantNamingTheTarget() {
        service.update(suspend(ADMIN, ORG, "bob"));

        AuditRecord record = audit.all().get(0);
        assertThat(record.tenantId()).isEqualTo(TenantScope.SYSTEM);
        assertThat(record.action()).isEqualTo("operator.user.update");
        assertThat(record.target()).contains("acme-labs/bob");
        assertThat(record.decision()).isEqualTo(AuditDecision.ALLOWED);
    }

    @Test
    void update_adminSuspendsThemselves_refused() {
        assertThat(code(() -> service.update(suspend(ADMIN, TenantScope.SYSTEM, "root")))).isEqualTo("user.self_suspension");
        assertThat(code(() -> service.update(suspend(ADMIN, TenantScope.SYSTEM, "ops")))).isEqualTo("allowed");
    }

    @Test
    void updateTenant_suspendAndLimits_readBackAndOperatorTenantNotSuspendable() {
        accounts.recordPlanSeen(ORG, ZaruTier.BUSINESS, NOW);
        LimitOverrides limits = LimitOverrides.none().withAgentExecutionsPerMinute(7);

        TenantAccountDetails details = service.update(new UpdateTenantAccountCommand(ADMIN, ORG, Optional.of(true),
                Optional.of(limits)));

        assertThat(details.suspended()).isTrue();
        assertThat(details.account().map(a -> a.plan())).contains(ZaruTier.BUSINESS);
        assertThat(details.effectiveLimits().orElseThrow().agentExecutionsPerMinute()).isEqualTo(7);
        assertThat(service.get(new GetUserAccountQuery(READONLY, ORG, "bob")).refused()).isTrue();
        assertThat(code(() -> service.update(new UpdateTenantAccountCommand(ADMIN, TenantScope.SYSTEM, Optional.of(true),
                Optional.empty())))).isEqualTo("tenant.system_not_suspendable");
    }

    @Test
    void list_pages_everyAccountOnceThenNoNext() {
        for (String name : new String[] {"a-one", "b-two", "c-three"}) {
            accounts.recordPlanSeen(TenantId.of(name), ZaruTier.PRO, NOW);
            accounts.saveUser(UserAccount.standard(TenantId.of(name), "u").withByok(true));
        }

        TenantAccountPage first = service.list(new ListTenantAccountsQuery(READONLY, Optional.empty(), 2));
        TenantAccountPage second = service.list(new ListTenantAccountsQuery(READONLY, first.next(), 2));
        UserAccountPage users = service.list(new ListUserAccountsQuery(READONLY, Optional.empty(), Optional.empty(), 2));
        UserAccountPage lastUsers = service.list(new ListUserAccountsQuery(READONLY, Optional.empty(), users.next(), 2));

        assertThat(first.tenants()).extracting(TenantAccountDetails::tenantId)
                .containsExactly(TenantId.of("a-one"), TenantId.of("b-two"));
        assertThat(first.next()).contains(TenantId.of("b-two"));
        assertThat(second.tenants()).extracting(TenantAccountDetails::tenantId).containsExactly(TenantId.of("c-three"));
        assertThat(second.next()).isEmpty();
        assertThat(users.users()).hasSize(2);
        assertThat(lastUsers.users()).extracting(UserAccount::tenantId).containsExactly(TenantId.of("c-three"));
        assertThat(lastUsers.next()).isEmpty();
    }

    @Test
    void systemInfo_operatorsOnly_versionAndNodes() {
        SystemAdministrationService system = new SystemAdministrationService("1.2.3", new InMemoryNodeRegistryAdapter(),
                new ai.aegis.application.memory.InMemoryDaemonSettingsAdapter(), audit, clock);

        assertThat(system.info(new GetSystemInfoQuery(READONLY)).version()).isEqualTo("1.2.3");
        assertThat(code(() -> system.info(new GetSystemInfoQuery(CONSUMER_USER)))).isEqualTo("identity.not_operator");
    }

    @Test
    void systemConfig_adminReadsAndChangesOthersRefused() {
        SystemAdministrationService system = new SystemAdministrationService("1.2.3", new InMemoryNodeRegistryAdapter(),
                new ai.aegis.application.memory.InMemoryDaemonSettingsAdapter(), audit, clock);
        java.util.function.Function<ai.aegis.application.port.in.ConfigureSystemCommand, String> configure =
                command -> code(() -> system.configure(command));

        assertThat(configure.apply(new ai.aegis.application.port.in.ConfigureSystemCommand(OPERATOR, "*",
                Optional.empty()))).isEqualTo("role.too_low");
        assertThat(configure.apply(new ai.aegis.application.port.in.ConfigureSystemCommand(ADMIN, "version",
                Optional.of("2")))).isEqualTo("config.read_only");
        assertThat(configure.apply(new ai.aegis.application.port.in.ConfigureSystemCommand(ADMIN, "nope",
                Optional.empty()))).isEqualTo("config.unknown_key");
        assertThat(system.configure(new ai.aegis.application.port.in.ConfigureSystemCommand(ADMIN, "log.level",
                Optional.of("DEBUG")))).singleElement().extracting(s -> s.value()).isEqualTo("DEBUG");
        assertThat(system.configure(new ai.aegis.application.port.in.ConfigureSystemCommand(ADMIN, "*",
                Optional.empty()))).hasSize(2);
        assertThat(audit.all()).filteredOn(record -> record.action().equals("operator.system.config")).hasSize(5);
    }
}
