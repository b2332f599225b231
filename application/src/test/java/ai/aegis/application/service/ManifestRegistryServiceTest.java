package ai.aegis.application.service;

import static ai.aegis.application.contract.ManifestFixtures.agentDocument;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.contract.ManifestFixtures;
import ai.aegis.application.memory.InMemoryAuditLogAdapter;
import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.memory.InMemoryLimitOverridesAdapter;
import ai.aegis.application.memory.InMemoryManifestRegistryAdapter;
import ai.aegis.application.port.in.DeleteManifestCommand;
import ai.aegis.application.port.in.DeployIntent;
import ai.aegis.application.port.in.DeployManifestCommand;
import ai.aegis.application.port.in.DeployOwnManifestCommand;
import ai.aegis.application.port.in.GetManifestQuery;
import ai.aegis.application.port.in.ListManifestsQuery;
import ai.aegis.application.port.in.ManifestExport;
import ai.aegis.application.port.in.OperatorArguments;
import ai.aegis.application.port.in.SearchManifestsQuery;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.registry.ManifestKind;
import ai.aegis.domain.registry.ManifestName;
import ai.aegis.domain.registry.ManifestPageRequest;
import ai.aegis.domain.registry.ManifestParser;
import ai.aegis.domain.registry.ManifestVersion;
import ai.aegis.domain.registry.StoredManifest;
import ai.aegis.domain.tenancy.TenantScope;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ManifestRegistryServiceTest {

    private static final Identity.ZaruUser FREE = ServiceFixture.user("fay", ZaruTier.FREE);
    private static final Identity.ZaruUser PRO = ServiceFixture.user("pat", ZaruTier.PRO);
    private static final Identity.Operator OPERATOR = Identity.operator("ops-1", AegisRole.OPERATOR);
    private static final Identity.Operator ADMIN = Identity.operator("admin-1", AegisRole.ADMIN);
    private static final Identity.Operator READONLY = Identity.operator("viewer-1", AegisRole.READONLY);

    private final InMemoryClockAdapter clock = new InMemoryClockAdapter(ServiceFixture.START);
    private final InMemoryManifestRegistryAdapter registry = new InMemoryManifestRegistryAdapter();
    private final InMemoryLimitOverridesAdapter overrides = new InMemoryLimitOverridesAdapter();
    private final InMemoryAuditLogAdapter audit = new InMemoryAuditLogAdapter();
    private final ManifestRegistryService service = new ManifestRegistryService(registry, overrides, audit, clock);

    private static String code(Throwable e) {
        return ((DomainException) e).code();
    }

    private StoredManifest create(Identity identity, String document, OperatorArguments args) {
        return service.deploy(new DeployManifestCommand(identity, ManifestKind.AGENT, DeployIntent.CREATE, document, args));
    }

    private StoredManifest update(Identity identity, String document, OperatorArguments args) {
        return service.deploy(new DeployManifestCommand(identity, ManifestKind.AGENT, DeployIntent.UPDATE, document, args));
    }

    private StoredManifest deployOwn(Identity identity, String name, String version) {
        return service.deployOwn(new DeployOwnManifestCommand(identity, ManifestFixtures.agent(name, version)));
    }

    private AuditRecord lastAudit() {
        List<AuditRecord> all = audit.all();
        return all.get(all.size() - 1);
    }

    // ---- role gates on deploy and delete

    @ParameterizedTest
    @EnumSource(ZaruTier.class)
    void deploy_consumerOfAnyTier_refusedOperatorsOnlyAndAudited(ZaruTier tier) {
        Identity.ZaruUser user = ServiceFixture.user("u-" + tier.slug(), tier);

        assertThatThrownBy(() -> create(user, agentDocument("a", "1.0.0", "A."), OperatorArguments.none()))
                .isInstanceOf(AccessDeniedException.class).extracting(ManifestRegistryServiceTest::code)
                .isEqualTo("registry.operators_only");
        assertThat(registry.countNames(user.tenantId(), ManifestKind.AGENT)).isZero();
        assertThat(lastAudit().decision()).isEqualTo(AuditDecision.DENIED);
        assertThat(lastAudit().reasonCode()).isEqualTo("registry.operators_only");
        assertThat(lastAudit().action()).isEqualTo("registry.agent.create");
        assertThat(lastAudit().tenantId()).isEqualTo(user.tenantId());
    }

    @Test
    void deploy_readonlyOperator_refusedRoleTooLowAndAudited() {
        assertThatThrownBy(() -> create(READONLY, agentDocument("a", "1.0.0", "A."), OperatorArguments.none()))
                .isInstanceOf(AccessDeniedException.class).extracting(ManifestRegistryServiceTest::code)
                .isEqualTo("role.too_low");
        assertThat(lastAudit().reasonCode()).isEqualTo("role.too_low");
    }

    @Test
    void deploy_operatorAndAdmin_storedInPlatformTenantAndAudited() {
        StoredManifest byOperator = create(OPERATOR, agentDocument("a", "1.0.0", "A."), OperatorArguments.none());
        StoredManifest byAdmin = create(ADMIN, agentDocument("b", "1.0.0", "B."), OperatorArguments.none());

        assertThat(byOperator.tenantId()).isEqualTo(TenantScope.SYSTEM);
        assertThat(byAdmin.deployedBy()).isEqualTo("admin-1");
        assertThat(byAdmin.deployedAt()).isEqualTo(ServiceFixture.START);
        assertThat(lastAudit().decision()).isEqualTo(AuditDecision.ALLOWED);
        assertThat(lastAudit().target()).contains("agent:aegis-system/b");
    }

    @Test
    void deploy_invalidDocument_refusedNamingEveryFieldAndAudited() {
        String bad = "{\"format\": \"aegis/v1\", \"kind\": \"agent\", \"name\": \"Bad Name\", \"version\": \"1\"}";

        assertThatThrownBy(() -> create(OPERATOR, bad, OperatorArguments.none()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("/name:").hasMessageContaining("/version:").hasMessageContaining("/runtime: is required")
                .extracting(ManifestRegistryServiceTest::code).isEqualTo("manifest.invalid");
        assertThat(lastAudit().reasonCode()).isEqualTo("manifest.invalid");
    }

    @Test
    void deploy_workflowDocumentThroughAgentTool_refusedAtKind() {
        assertThatThrownBy(() -> create(OPERATOR, ManifestFixtures.WORKFLOW, OperatorArguments.none()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("/kind:");
    }

    @Test
    void create_existingName_refusedUnlessForcedThenNewVersion() {
        create(OPERATOR, agentDocument("a", "1.0.0", "A."), OperatorArguments.none());

        assertThatThrownBy(() -> create(OPERATOR, agentDocument("a", "1.1.0", "A."), OperatorArguments.none()))
                .isInstanceOf(AlreadyExistsException.class).extracting(ManifestRegistryServiceTest::code)
                .isEqualTo("registry.name_exists");
        create(OPERATOR, agentDocument("a", "1.1.0", "A."), OperatorArguments.none().withForce(true));
        assertThat(registry.versions(TenantScope.SYSTEM, ManifestKind.AGENT, ManifestName.of("a"))).hasSize(2);
    }

    @Test
    void update_olderVersion_refusedUnlessForced() {
        create(OPERATOR, agentDocument("a", "2.0.0", "A."), OperatorArguments.none());

        assertThatThrownBy(() -> update(OPERATOR, agentDocument("a", "1.0.0", "A."), OperatorArguments.none()))
                .isInstanceOf(PreconditionFailedException.class).extracting(ManifestRegistryServiceTest::code)
                .isEqualTo("registry.version_not_newer");
        update(OPERATOR, agentDocument("a", "1.0.0", "A."), OperatorArguments.none().withForce(true));
        assertThat(registry.versions(TenantScope.SYSTEM, ManifestKind.AGENT, ManifestName.of("a")))
                .containsExactly(ManifestVersion.of(2, 0, 0), ManifestVersion.of(1, 0, 0));
    }

    @Test
    void update_unknownName_refusedNotFound() {
        assertThatThrownBy(() -> update(OPERATOR, agentDocument("a", "1.0.0", "A."), OperatorArguments.none()))
                .isInstanceOf(NotFoundException.class).extracting(ManifestRegistryServiceTest::code)
                .isEqualTo("registry.not_found");
    }

    @Test
    void deploy_versionArgument_deploysUnderThatVersion() {
        StoredManifest stored = create(OPERATOR, agentDocument("a", "1.0.0", "A."),
                OperatorArguments.none().withVersion(ManifestVersion.of(3, 1, 4)));

        assertThat(stored.version()).isEqualTo(ManifestVersion.of(3, 1, 4));
        assertThat(registry.findLatest(TenantScope.SYSTEM, ManifestKind.AGENT, ManifestName.of("a")).orElseThrow()
                .manifest().document()).contains("\"version\":\"3.1.4\"");
    }

    @Test
    void deploy_operatorNamesTenant_storedThereAuditedInBothTrails() {
        create(OPERATOR, agentDocument("a", "1.0.0", "A."), OperatorArguments.none().withTenant(PRO.tenantId()));

        assertThat(registry.findLatest(PRO.tenantId(), ManifestKind.AGENT, ManifestName.of("a"))).isPresent();
        assertThat(registry.findLatest(TenantScope.SYSTEM, ManifestKind.AGENT, ManifestName.of("a"))).isEmpty();
        assertThat(audit.listByTenant(TenantScope.SYSTEM, 10)).extracting(AuditRecord::action).contains("registry.agent.create");
        assertThat(audit.listByTenant(PRO.tenantId(), 10)).singleElement().satisfies(r -> {
            assertThat(r.actorSubject()).isEqualTo("ops-1");
            assertThat(r.decision()).isEqualTo(AuditDecision.ALLOWED);
        });
    }

    @Test
    void deploy_operatorNamesTenantWithCountOverride_heldToIt() {
        TenantId org = TenantId.of("acme-labs");
        overrides.setTenant(org, LimitOverrides.none().withAgentCount(CountLimit.of(1)));
        OperatorArguments intoOrg = OperatorArguments.none().withTenant(org);
        create(OPERATOR, agentDocument("a", "1.0.0", "A."), intoOrg);

        assertThatThrownBy(() -> create(OPERATOR, agentDocument("b", "1.0.0", "B."), intoOrg))
                .isInstanceOf(LimitExceededException.class).extracting(ManifestRegistryServiceTest::code)
                .isEqualTo("limit.agent_count");
        assertThat(audit.listByTenant(org, 1).get(0).reasonCode()).isEqualTo("limit.agent_count");
    }

    @Test
    void deploy_operatorNamesTenantWithRecordedFreePlan_heldToFreeCount() {
        ai.aegis.application.memory.InMemoryTenantAccountAdapter accounts =
                new ai.aegis.application.memory.InMemoryTenantAccountAdapter();
        accounts.recordPlanSeen(FREE.tenantId(), ZaruTier.FREE, ServiceFixture.START);
        ManifestRegistryService withPlans = new ManifestRegistryService(registry, overrides, accounts, audit, clock);
        OperatorArguments intoFree = OperatorArguments.none().withTenant(FREE.tenantId());
        for (int i = 1; i <= 5; i++) {
            withPlans.deploy(new DeployManifestCommand(OPERATOR, ManifestKind.AGENT, DeployIntent.CREATE,
                    agentDocument("agent-" + i, "1.0.0", "A."), intoFree));
        }

        assertThatThrownBy(() -> withPlans.deploy(new DeployManifestCommand(OPERATOR, ManifestKind.AGENT,
                DeployIntent.CREATE, agentDocument("agent-6", "1.0.0", "A."), intoFree)))
                .isInstanceOf(LimitExceededException.class).extracting(ManifestRegistryServiceTest::code)
                .isEqualTo("limit.agent_count");
    }

    @Test
    void deploy_consumerNamingAnotherTenant_refusedAndNothingWrittenIntoThatTenantsTrail() {
        assertThatThrownBy(() -> create(FREE, agentDocument("a", "1.0.0", "A."),
                OperatorArguments.none().withTenant(PRO.tenantId()))).isInstanceOf(AccessDeniedException.class);

        assertThat(audit.listByTenant(PRO.tenantId(), 10)).isEmpty();
        assertThat(registry.countNames(PRO.tenantId(), ManifestKind.AGENT)).isZero();
    }

    // ---- the authoring loop's own-tenant deploy and the count limits

    @Test
    void deployOwn_freeConsumer_fiveAgentsThenTheSixthRefusedAndAudited() {
        for (int i = 1; i <= 5; i++) {
            deployOwn(FREE, "agent-" + i, "1.0.0");
        }

        assertThatThrownBy(() -> deployOwn(FREE, "agent-6", "1.0.0"))
                .isInstanceOf(LimitExceededException.class).extracting(ManifestRegistryServiceTest::code)
                .isEqualTo("limit.agent_count");
        assertThat(lastAudit().reasonCode()).isEqualTo("limit.agent_count");
        assertThat(lastAudit().action()).isEqualTo("registry.agent.generate_deploy");
        assertThat(lastAudit().tenantId()).isEqualTo(FREE.tenantId());
        deployOwn(FREE, "agent-5", "1.1.0");
        assertThat(registry.countNames(FREE.tenantId(), ManifestKind.AGENT)).isEqualTo(5);
    }

    @Test
    void deployOwn_workflowsCountedApartFromAgents() {
        for (int i = 1; i <= 5; i++) {
            deployOwn(FREE, "agent-" + i, "1.0.0");
        }

        StoredManifest stored = service.deployOwn(new DeployOwnManifestCommand(FREE, ManifestFixtures.workflow("flow", "1.0.0")));

        assertThat(stored.kind()).isEqualTo(ManifestKind.WORKFLOW);
    }

    @Test
    void deployOwn_userOverrideWinsOverTenantOverride() {
        overrides.setTenant(FREE.tenantId(), LimitOverrides.none().withAgentCount(CountLimit.of(1)));
        overrides.setUser(FREE.tenantId(), FREE.subject(), LimitOverrides.none().withAgentCount(CountLimit.of(2)));
        deployOwn(FREE, "a", "1.0.0");
        deployOwn(FREE, "b", "1.0.0");

        assertThatThrownBy(() -> deployOwn(FREE, "c", "1.0.0")).isInstanceOf(LimitExceededException.class);
    }

    @Test
    void deployOwn_sameVersionAgain_refusedVersionExists() {
        deployOwn(PRO, "a", "1.0.0");

        assertThatThrownBy(() -> deployOwn(PRO, "a", "1.0.0")).isInstanceOf(AlreadyExistsException.class)
                .extracting(ManifestRegistryServiceTest::code).isEqualTo("registry.version_exists");
    }

    @Test
    void deployOwn_olderVersion_refusedNotNewer() {
        deployOwn(PRO, "a", "2.0.0");

        assertThatThrownBy(() -> deployOwn(PRO, "a", "1.0.0")).isInstanceOf(PreconditionFailedException.class);
    }

    @Test
    void deployOwn_consumerAgentAsksForPlatformContext_refusedAndAudited() {
        var agent = (ai.aegis.domain.registry.AgentManifest) ManifestParser.parse(ManifestKind.AGENT,
                ManifestFixtures.FULL_AGENT.replace("zaru-pro", "aegis-system-operator")).orThrow();

        assertThatThrownBy(() -> service.deployOwn(new DeployOwnManifestCommand(PRO, agent)))
                .isInstanceOf(AccessDeniedException.class).extracting(ManifestRegistryServiceTest::code)
                .isEqualTo("registry.context_not_allowed");
        assertThat(lastAudit().reasonCode()).isEqualTo("registry.context_not_allowed");
        assertThat(registry.countNames(PRO.tenantId(), ManifestKind.AGENT)).isZero();
    }

    @Test
    void deployOwn_consumerAgentAsksForPlanContext_deployed() {
        assertThat(service.deployOwn(new DeployOwnManifestCommand(PRO, ManifestFixtures.fullAgent())).tenantId())
                .isEqualTo(PRO.tenantId());
    }

    @Test
    void deployOwn_readonlyOperator_refused() {
        assertThatThrownBy(() -> deployOwn(READONLY, "a", "1.0.0")).isInstanceOf(AccessDeniedException.class)
                .extracting(ManifestRegistryServiceTest::code).isEqualTo("role.too_low");
    }

    @Test
    void deployOwn_operator_intoPlatformTenant() {
        assertThat(deployOwn(OPERATOR, "a", "1.0.0").tenantId()).isEqualTo(TenantScope.SYSTEM);
    }

    // ---- delete

    @Test
    void delete_consumer_refusedAndAgentKept() {
        deployOwn(PRO, "a", "1.0.0");

        assertThatThrownBy(() -> service.delete(new DeleteManifestCommand(PRO, ManifestKind.AGENT, "a",
                OperatorArguments.none()))).isInstanceOf(AccessDeniedException.class)
                .extracting(ManifestRegistryServiceTest::code).isEqualTo("registry.operators_only");
        assertThat(registry.countNames(PRO.tenantId(), ManifestKind.AGENT)).isEqualTo(1);
        assertThat(lastAudit().reasonCode()).isEqualTo("registry.operators_only");
    }

    @Test
    void delete_readonlyOperator_refused() {
        assertThatThrownBy(() -> service.delete(new DeleteManifestCommand(READONLY, ManifestKind.AGENT, "a",
                OperatorArguments.none()))).extracting(ManifestRegistryServiceTest::code).isEqualTo("role.too_low");
    }

    @Test
    void delete_operator_allVersionsOrOneVersion() {
        create(OPERATOR, agentDocument("a", "1.0.0", "A."), OperatorArguments.none());
        update(OPERATOR, agentDocument("a", "1.1.0", "A."), OperatorArguments.none());
        update(OPERATOR, agentDocument("a", "1.2.0", "A."), OperatorArguments.none());

        int one = service.delete(new DeleteManifestCommand(OPERATOR, ManifestKind.AGENT, "a",
                OperatorArguments.none().withVersion(ManifestVersion.of(1, 2, 0))));
        int rest = service.delete(new DeleteManifestCommand(OPERATOR, ManifestKind.AGENT, "a", OperatorArguments.none()));

        assertThat(one).isEqualTo(1);
        assertThat(rest).isEqualTo(2);
        assertThat(lastAudit().action()).isEqualTo("registry.agent.delete");
        assertThat(lastAudit().decision()).isEqualTo(AuditDecision.ALLOWED);
    }

    @Test
    void delete_force_refusedNotApplicable() {
        create(OPERATOR, agentDocument("a", "1.0.0", "A."), OperatorArguments.none());

        assertThatThrownBy(() -> service.delete(new DeleteManifestCommand(OPERATOR, ManifestKind.AGENT, "a",
                OperatorArguments.none().withForce(true)))).isInstanceOf(InvalidInputException.class)
                .extracting(ManifestRegistryServiceTest::code).isEqualTo("registry.argument_not_applicable");
        assertThat(registry.countNames(TenantScope.SYSTEM, ManifestKind.AGENT)).isEqualTo(1);
    }

    @Test
    void delete_unknownName_notFoundAudited() {
        assertThatThrownBy(() -> service.delete(new DeleteManifestCommand(OPERATOR, ManifestKind.WORKFLOW, "ghost",
                OperatorArguments.none()))).isInstanceOf(NotFoundException.class);
        assertThat(lastAudit().reasonCode()).isEqualTo("registry.not_found");
        assertThat(lastAudit().action()).isEqualTo("registry.workflow.delete");
    }

    @Test
    void delete_operatorInNamedTenant_removesThere() {
        deployOwn(PRO, "a", "1.0.0");

        service.delete(new DeleteManifestCommand(ADMIN, ManifestKind.AGENT, "a",
                OperatorArguments.none().withTenant(PRO.tenantId())));

        assertThat(registry.countNames(PRO.tenantId(), ManifestKind.AGENT)).isZero();
        assertThat(audit.listByTenant(PRO.tenantId(), 1).get(0).action()).isEqualTo("registry.agent.delete");
    }

    // ---- reads: own tenant, isolation, operator-only arguments

    @Test
    void list_consumer_ownTenantOnly() {
        deployOwn(FREE, "fays-agent", "1.0.0");
        deployOwn(PRO, "pats-agent", "1.0.0");

        List<String> names = service.list(new ListManifestsQuery(FREE, ManifestKind.AGENT, ManifestPageRequest.first(10),
                OperatorArguments.none())).items().stream().map(s -> s.name().value()).collect(Collectors.toList());

        assertThat(names).containsExactly("fays-agent");
    }

    @Test
    void get_otherTenantsName_readsAsNotFound() {
        deployOwn(PRO, "pats-agent", "1.0.0");

        assertThatThrownBy(() -> service.get(new GetManifestQuery(FREE, ManifestKind.AGENT, "pats-agent",
                OperatorArguments.none()))).isInstanceOf(NotFoundException.class)
                .hasMessage("no agent named pats-agent was found");
        assertThatThrownBy(() -> service.export(new GetManifestQuery(FREE, ManifestKind.AGENT, "pats-agent",
                OperatorArguments.none()))).isInstanceOf(NotFoundException.class);
        assertThat(lastAudit().tenantId()).isEqualTo(FREE.tenantId());
        assertThat(lastAudit().reasonCode()).isEqualTo("registry.not_found");
    }

    @Test
    void list_consumerPassesTenant_refusedNamingTheArgumentAndAudited() {
        assertThatThrownBy(() -> service.list(new ListManifestsQuery(FREE, ManifestKind.AGENT,
                ManifestPageRequest.first(10), OperatorArguments.none().withTenant(PRO.tenantId()))))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("tenant is for operators only")
                .extracting(ManifestRegistryServiceTest::code).isEqualTo("registry.operator_argument");
        assertThat(lastAudit().reasonCode()).isEqualTo("registry.operator_argument");
        assertThat(audit.listByTenant(PRO.tenantId(), 10)).isEmpty();
    }

    @Test
    void get_consumerPassesVersionAndForce_refusedNamingBoth() {
        deployOwn(PRO, "a", "1.0.0");

        assertThatThrownBy(() -> service.get(new GetManifestQuery(PRO, ManifestKind.AGENT, "a",
                OperatorArguments.none().withForce(false).withVersion(ManifestVersion.of(1, 0, 0)))))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("force, version are for operators only");
    }

    @Test
    void list_consumerOwnTenant_successNotAudited() {
        deployOwn(PRO, "a", "1.0.0");
        int before = audit.all().size();

        service.list(new ListManifestsQuery(PRO, ManifestKind.AGENT, ManifestPageRequest.first(10), OperatorArguments.none()));

        assertThat(audit.all()).hasSize(before);
    }

    @Test
    void list_readonlyOperatorNamesTenant_allowedAndAuditedInBothTrails() {
        deployOwn(PRO, "a", "1.0.0");

        var page = service.list(new ListManifestsQuery(READONLY, ManifestKind.AGENT, ManifestPageRequest.first(10),
                OperatorArguments.none().withTenant(PRO.tenantId())));

        assertThat(page.items()).hasSize(1);
        assertThat(audit.listByTenant(PRO.tenantId(), 1).get(0)).satisfies(r -> {
            assertThat(r.action()).isEqualTo("registry.agent.list");
            assertThat(r.actorSubject()).isEqualTo("viewer-1");
        });
        assertThat(audit.listByTenant(TenantScope.SYSTEM, 1).get(0).action()).isEqualTo("registry.agent.list");
    }

    @Test
    void get_operatorExactVersion_thatVersion() {
        create(OPERATOR, agentDocument("a", "1.0.0", "First."), OperatorArguments.none());
        update(OPERATOR, agentDocument("a", "2.0.0", "Second."), OperatorArguments.none());

        StoredManifest first = service.get(new GetManifestQuery(READONLY, ManifestKind.AGENT, "a",
                OperatorArguments.none().withVersion(ManifestVersion.of(1, 0, 0))));

        assertThat(first.manifest().description()).isEqualTo("First.");
    }

    @Test
    void get_forceOnARead_refusedNotApplicable() {
        assertThatThrownBy(() -> service.get(new GetManifestQuery(OPERATOR, ManifestKind.AGENT, "a",
                OperatorArguments.none().withForce(true)))).isInstanceOf(InvalidInputException.class)
                .extracting(ManifestRegistryServiceTest::code).isEqualTo("registry.argument_not_applicable");
    }

    @Test
    void get_badName_refusedInvalid() {
        assertThatThrownBy(() -> service.get(new GetManifestQuery(PRO, ManifestKind.AGENT, "Not A Name",
                OperatorArguments.none()))).isInstanceOf(InvalidInputException.class)
                .extracting(ManifestRegistryServiceTest::code).isEqualTo("manifest.name_invalid");
    }

    @Test
    void export_latest_deployableDocumentAndEveryVersion() {
        service.deployOwn(new DeployOwnManifestCommand(PRO, ManifestFixtures.fullAgent()));
        service.deployOwn(new DeployOwnManifestCommand(PRO, ManifestFixtures.fullAgent().withVersion(ManifestVersion.of(1, 3, 0))));

        ManifestExport export = service.export(new GetManifestQuery(PRO, ManifestKind.AGENT, "csv-summariser",
                OperatorArguments.none()));

        assertThat(export.version()).isEqualTo(ManifestVersion.of(1, 3, 0));
        assertThat(export.versions()).containsExactly(ManifestVersion.of(1, 3, 0), ManifestVersion.of(1, 2, 0));
        assertThat(ManifestParser.parse(ManifestKind.AGENT, export.document()).orThrow())
                .isEqualTo(ManifestFixtures.fullAgent().withVersion(ManifestVersion.of(1, 3, 0)));
    }

    @Test
    void search_consumer_ownTenantMatchesOnly() {
        deployOwn(PRO, "csv-reader", "1.0.0");
        deployOwn(PRO, "mailer", "1.0.0");
        deployOwn(FREE, "csv-other", "1.0.0");

        var page = service.search(new SearchManifestsQuery(PRO, ManifestKind.AGENT, "CSV", ManifestPageRequest.first(10),
                OperatorArguments.none()));

        assertThat(page.items()).extracting(s -> s.name().value()).containsExactly("csv-reader");
    }

    @Test
    void searchQuery_blankText_refused() {
        assertThatThrownBy(() -> new SearchManifestsQuery(PRO, ManifestKind.AGENT, " ", ManifestPageRequest.first(10),
                OperatorArguments.none())).isInstanceOf(InvalidInputException.class);
    }
}
