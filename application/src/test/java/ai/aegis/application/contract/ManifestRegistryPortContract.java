package ai.aegis.application.contract;

import static ai.aegis.application.contract.ContractFixtures.NOW;
import static ai.aegis.application.contract.ContractFixtures.TENANT_A;
import static ai.aegis.application.contract.ContractFixtures.TENANT_B;
import static ai.aegis.application.contract.ManifestFixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.out.ManifestDeployment;
import ai.aegis.application.port.out.ManifestDeployment.NameRule;
import ai.aegis.application.port.out.ManifestRegistryPort;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.registry.Manifest;
import ai.aegis.domain.registry.ManifestKind;
import ai.aegis.domain.registry.ManifestName;
import ai.aegis.domain.registry.ManifestPage;
import ai.aegis.domain.registry.ManifestPageRequest;
import ai.aegis.domain.registry.ManifestSummary;
import ai.aegis.domain.registry.ManifestVersion;
import ai.aegis.domain.registry.StoredManifest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ManifestRegistryPort} adapter must do: versions under names per tenant and kind,
 * latest by version order, the deploy rules (name new / existing, no duplicate version, newer when
 * asked) and the count of distinct names checked atomically with the write — exact under racing
 * deploys — name-ordered paging, search over name and description, deletion, and tenant isolation
 * (another tenant's names read as absent).
 */
public abstract class ManifestRegistryPortContract {

    private static final CountLimit ROOMY = CountLimit.of(100);
    private static final ManifestName CSV = ManifestName.of("csv-summariser");

    private ManifestRegistryPort registry;

    /** A fresh, empty registry. */
    protected abstract ManifestRegistryPort newManifestRegistryPort();

    @BeforeEach
    void setUpRegistry() {
        registry = newManifestRegistryPort();
    }

    private StoredManifest deploy(TenantId tenant, Manifest manifest) {
        return registry.deploy(new ManifestDeployment(tenant, manifest, "alice", NOW, NameRule.EITHER, false, ROOMY));
    }

    private StoredManifest deploy(TenantId tenant, Manifest manifest, NameRule rule, boolean newer, CountLimit limit) {
        return registry.deploy(new ManifestDeployment(tenant, manifest, "alice", NOW, rule, newer, limit));
    }

    private static String code(Throwable e) {
        return ((DomainException) e).code();
    }

    @Test
    void deploy_fullAgent_readsBackEqualWithWhoAndWhen() {
        Manifest full = ManifestFixtures.fullAgent();
        StoredManifest stored = registry.deploy(new ManifestDeployment(TENANT_A, full, "alice",
                NOW.plusNanos(123_456_000), NameRule.MUST_BE_NEW, true, ROOMY));

        StoredManifest read = registry.findLatest(TENANT_A, ManifestKind.AGENT, CSV).orElseThrow();
        assertThat(read).isEqualTo(stored);
        assertThat(read.manifest()).isEqualTo(full);
        assertThat(read.manifest().document()).isEqualTo(full.document());
        assertThat(read.deployedBy()).isEqualTo("alice");
        assertThat(read.deployedAt()).isEqualTo(NOW.plusNanos(123_456_000));
    }

    @Test
    void deploy_workflow_readsBackEqual() {
        Manifest workflow = ManifestFixtures.workflow();
        deploy(TENANT_A, workflow);

        assertThat(registry.findLatest(TENANT_A, ManifestKind.WORKFLOW, workflow.name()).orElseThrow().manifest())
                .isEqualTo(workflow);
    }

    @Test
    void deploy_sameVersionTwice_refusedVersionExists() {
        deploy(TENANT_A, agent("csv-summariser", "1.0.0"));

        assertThatThrownBy(() -> deploy(TENANT_A, agent("csv-summariser", "1.0.0", "Other text.")))
                .isInstanceOf(AlreadyExistsException.class).extracting(ManifestRegistryPortContract::code)
                .isEqualTo("registry.version_exists");
        assertThat(registry.findLatest(TENANT_A, ManifestKind.AGENT, CSV).orElseThrow().manifest().description())
                .isEqualTo("Agent csv-summariser.");
    }

    @Test
    void deploy_mustBeNewButNameExists_refusedNameExists() {
        deploy(TENANT_A, agent("csv-summariser", "1.0.0"));

        assertThatThrownBy(() -> deploy(TENANT_A, agent("csv-summariser", "2.0.0"), NameRule.MUST_BE_NEW, false, ROOMY))
                .isInstanceOf(AlreadyExistsException.class).extracting(ManifestRegistryPortContract::code)
                .isEqualTo("registry.name_exists");
        assertThat(registry.versions(TENANT_A, ManifestKind.AGENT, CSV)).containsExactly(ManifestVersion.of(1, 0, 0));
    }

    @Test
    void deploy_mustExistButNameMissing_refusedNotFound() {
        assertThatThrownBy(() -> deploy(TENANT_A, agent("csv-summariser", "1.0.0"), NameRule.MUST_EXIST, true, ROOMY))
                .isInstanceOf(NotFoundException.class).extracting(ManifestRegistryPortContract::code)
                .isEqualTo("registry.not_found");
        assertThat(registry.countNames(TENANT_A, ManifestKind.AGENT)).isZero();
    }

    @Test
    void deploy_newerRequiredOlderGiven_refusedLatestKept() {
        deploy(TENANT_A, agent("csv-summariser", "1.10.0"));

        assertThatThrownBy(() -> deploy(TENANT_A, agent("csv-summariser", "1.9.0"), NameRule.MUST_EXIST, true, ROOMY))
                .isInstanceOf(PreconditionFailedException.class).extracting(ManifestRegistryPortContract::code)
                .isEqualTo("registry.version_not_newer");
        assertThat(registry.versions(TENANT_A, ManifestKind.AGENT, CSV)).containsExactly(ManifestVersion.of(1, 10, 0));
    }

    @Test
    void deploy_olderVersionWithoutNewerRule_storedButLatestStaysHighest() {
        deploy(TENANT_A, agent("csv-summariser", "1.10.0"));
        deploy(TENANT_A, agent("csv-summariser", "1.9.0"), NameRule.MUST_EXIST, false, ROOMY);

        assertThat(registry.versions(TENANT_A, ManifestKind.AGENT, CSV))
                .containsExactly(ManifestVersion.of(1, 10, 0), ManifestVersion.of(1, 9, 0));
        assertThat(registry.findLatest(TENANT_A, ManifestKind.AGENT, CSV).orElseThrow().version())
                .isEqualTo(ManifestVersion.of(1, 10, 0));
    }

    @Test
    void find_exactVersion_thatVersionOnly() {
        deploy(TENANT_A, agent("csv-summariser", "1.0.0", "First."));
        deploy(TENANT_A, agent("csv-summariser", "2.0.0", "Second."));

        assertThat(registry.find(TENANT_A, ManifestKind.AGENT, CSV, ManifestVersion.of(1, 0, 0)).orElseThrow()
                .manifest().description()).isEqualTo("First.");
        assertThat(registry.find(TENANT_A, ManifestKind.AGENT, CSV, ManifestVersion.of(3, 0, 0))).isEmpty();
        assertThat(registry.findLatest(TENANT_A, ManifestKind.AGENT, CSV).orElseThrow().manifest().description())
                .isEqualTo("Second.");
    }

    @Test
    void findLatest_unknownName_empty() {
        assertThat(registry.findLatest(TENANT_A, ManifestKind.AGENT, CSV)).isEmpty();
        assertThat(registry.versions(TENANT_A, ManifestKind.AGENT, CSV)).isEmpty();
    }

    @Test
    void kinds_separateNamespaces_sameNameCountsOncePerKind() {
        deploy(TENANT_A, agent("shared", "1.0.0"));
        deploy(TENANT_A, ManifestFixtures.workflow("shared", "1.0.0"));

        assertThat(registry.countNames(TENANT_A, ManifestKind.AGENT)).isEqualTo(1);
        assertThat(registry.countNames(TENANT_A, ManifestKind.WORKFLOW)).isEqualTo(1);
        assertThat(registry.findLatest(TENANT_A, ManifestKind.WORKFLOW, ManifestName.of("shared")).orElseThrow().kind())
                .isEqualTo(ManifestKind.WORKFLOW);
    }

    @Test
    void countNames_versionsOfOneName_countOnce() {
        deploy(TENANT_A, agent("a", "1.0.0"));
        deploy(TENANT_A, agent("a", "1.1.0"));
        deploy(TENANT_A, agent("b", "1.0.0"));

        assertThat(registry.countNames(TENANT_A, ManifestKind.AGENT)).isEqualTo(2);
    }

    @Test
    void deploy_atNameLimit_newNameRefusedNewVersionAllowed() {
        deploy(TENANT_A, agent("a", "1.0.0"), NameRule.EITHER, true, CountLimit.of(2));
        deploy(TENANT_A, agent("b", "1.0.0"), NameRule.EITHER, true, CountLimit.of(2));

        assertThatThrownBy(() -> deploy(TENANT_A, agent("c", "1.0.0"), NameRule.EITHER, true, CountLimit.of(2)))
                .isInstanceOf(LimitExceededException.class).extracting(ManifestRegistryPortContract::code)
                .isEqualTo("limit.agent_count");
        deploy(TENANT_A, agent("b", "1.1.0"), NameRule.EITHER, true, CountLimit.of(2));
        assertThat(registry.countNames(TENANT_A, ManifestKind.AGENT)).isEqualTo(2);
        assertThat(registry.findLatest(TENANT_A, ManifestKind.AGENT, ManifestName.of("c"))).isEmpty();
    }

    @Test
    void deploy_workflowLimit_codeNamesWorkflows() {
        assertThatThrownBy(() -> deploy(TENANT_A, ManifestFixtures.workflow("w", "1.0.0"), NameRule.EITHER, true,
                CountLimit.of(0))).isInstanceOf(LimitExceededException.class)
                .extracting(ManifestRegistryPortContract::code).isEqualTo("limit.workflow_count");
    }

    @Test
    void deploy_unlimited_noCap() {
        for (int i = 0; i < 30; i++) {
            deploy(TENANT_A, agent("a" + i, "1.0.0"), NameRule.MUST_BE_NEW, true, CountLimit.unlimited());
        }

        assertThat(registry.countNames(TENANT_A, ManifestKind.AGENT)).isEqualTo(30);
    }

    @Test
    void deploy_limitCountsOnlyThisTenant() {
        deploy(TENANT_B, agent("a", "1.0.0"));
        deploy(TENANT_B, agent("b", "1.0.0"));

        deploy(TENANT_A, agent("a", "1.0.0"), NameRule.EITHER, true, CountLimit.of(1));

        assertThat(registry.countNames(TENANT_A, ManifestKind.AGENT)).isEqualTo(1);
    }

    @Test
    void deploy_twentyRacingNewNames_exactlyTheLimitAdmitted() throws Exception {
        int limit = 5;
        List<Callable<Boolean>> racers = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 20; i++) {
            String name = "racer-" + i;
            racers.add(() -> {
                start.await();
                try {
                    deploy(TENANT_A, agent(name, "1.0.0"), NameRule.MUST_BE_NEW, true, CountLimit.of(limit));
                    return true;
                } catch (LimitExceededException refused) {
                    return false;
                }
            });
        }
        List<Boolean> outcomes = race(racers, start);

        assertThat(outcomes.stream().filter(b -> b).count()).isEqualTo(limit);
        assertThat(registry.countNames(TENANT_A, ManifestKind.AGENT)).isEqualTo(limit);
        assertThat(registry.list(TENANT_A, ManifestKind.AGENT, ManifestPageRequest.first(50)).items()).hasSize(limit);
    }

    @Test
    void deploy_twentyRacingSameVersion_exactlyOneStored() throws Exception {
        List<Callable<Boolean>> racers = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 20; i++) {
            racers.add(() -> {
                start.await();
                try {
                    deploy(TENANT_A, agent("contested", "1.0.0"));
                    return true;
                } catch (AlreadyExistsException refused) {
                    return false;
                }
            });
        }
        List<Boolean> outcomes = race(racers, start);

        assertThat(outcomes.stream().filter(b -> b).count()).isEqualTo(1);
        assertThat(registry.versions(TENANT_A, ManifestKind.AGENT, ManifestName.of("contested"))).hasSize(1);
    }

    private static List<Boolean> race(List<Callable<Boolean>> racers, CountDownLatch start) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(racers.size());
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (Callable<Boolean> racer : racers) {
                futures.add(pool.submit(racer));
            }
            start.countDown();
            List<Boolean> outcomes = new ArrayList<>();
            for (Future<Boolean> f : futures) {
                outcomes.add(f.get(Duration.ofMinutes(2).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void list_pages_nameOrderLatestVersionsCursorToTheEnd() {
        for (String name : List.of("echo", "alpha", "delta", "bravo", "charlie")) {
            deploy(TENANT_A, agent(name, "1.0.0"));
        }
        deploy(TENANT_A, agent("bravo", "1.2.0", "Bravo, improved."));

        ManifestPage first = registry.list(TENANT_A, ManifestKind.AGENT, ManifestPageRequest.first(2));
        ManifestPage second = registry.list(TENANT_A, ManifestKind.AGENT, new ManifestPageRequest(2, first.next()));
        ManifestPage third = registry.list(TENANT_A, ManifestKind.AGENT, new ManifestPageRequest(2, second.next()));

        assertThat(names(first)).containsExactly("alpha", "bravo");
        assertThat(first.items().get(1).latestVersion()).isEqualTo(ManifestVersion.of(1, 2, 0));
        assertThat(first.items().get(1).description()).isEqualTo("Bravo, improved.");
        assertThat(first.next()).contains(ManifestName.of("bravo"));
        assertThat(names(second)).containsExactly("charlie", "delta");
        assertThat(names(third)).containsExactly("echo");
        assertThat(third.next()).isEmpty();
    }

    @Test
    void list_exactlyFullLastPage_noNextCursor() {
        deploy(TENANT_A, agent("alpha", "1.0.0"));
        deploy(TENANT_A, agent("bravo", "1.0.0"));

        assertThat(registry.list(TENANT_A, ManifestKind.AGENT, ManifestPageRequest.first(2)).next()).isEmpty();
    }

    @Test
    void list_summary_carriesWhoAndWhen() {
        deploy(TENANT_A, agent("alpha", "1.0.0"));

        ManifestSummary summary = registry.list(TENANT_A, ManifestKind.AGENT, ManifestPageRequest.first(10)).items().get(0);
        assertThat(summary.kind()).isEqualTo(ManifestKind.AGENT);
        assertThat(summary.deployedBy()).isEqualTo("alice");
        assertThat(summary.deployedAt()).isEqualTo(NOW);
    }

    @Test
    void search_nameOrLatestDescriptionAnyCase_matchesOnly() {
        deploy(TENANT_A, agent("csv-summariser", "1.0.0", "Summarises tables."));
        deploy(TENANT_A, agent("pdf-reader", "1.0.0", "Reads PDF files into CSV rows."));
        deploy(TENANT_A, agent("mailer", "1.0.0", "Sends mail."));
        deploy(TENANT_A, agent("mailer", "2.0.0", "Sends mail, no csv."));
        deploy(TENANT_A, agent("old-name", "1.0.0", "Once about CSV."));
        deploy(TENANT_A, agent("old-name", "2.0.0", "Now about images."));

        ManifestPage page = registry.search(TENANT_A, ManifestKind.AGENT, "CsV", ManifestPageRequest.first(10));

        assertThat(names(page)).containsExactly("csv-summariser", "mailer", "pdf-reader");
    }

    @Test
    void search_percentAndUnderscore_matchLiterally() {
        deploy(TENANT_A, agent("a", "1.0.0", "Counts 100% of rows."));
        deploy(TENANT_A, agent("b", "1.0.0", "Counts 1000 rows."));

        assertThat(names(registry.search(TENANT_A, ManifestKind.AGENT, "0%", ManifestPageRequest.first(10))))
                .containsExactly("a");
        assertThat(names(registry.search(TENANT_A, ManifestKind.AGENT, "_", ManifestPageRequest.first(10)))).isEmpty();
    }

    @Test
    void search_pages_cursorSkipsNonMatching() {
        for (String name : List.of("x-one", "skip-a", "x-two", "skip-b", "x-three")) {
            deploy(TENANT_A, agent(name, "1.0.0"));
        }

        ManifestPage first = registry.search(TENANT_A, ManifestKind.AGENT, "x-", ManifestPageRequest.first(2));
        ManifestPage second = registry.search(TENANT_A, ManifestKind.AGENT, "x-", new ManifestPageRequest(2, first.next()));

        assertThat(names(first)).containsExactly("x-one", "x-three");
        assertThat(names(second)).containsExactly("x-two");
        assertThat(second.next()).isEmpty();
    }

    @Test
    void delete_allVersions_goneAndCountDrops() {
        deploy(TENANT_A, agent("csv-summariser", "1.0.0"));
        deploy(TENANT_A, agent("csv-summariser", "1.1.0"));
        deploy(TENANT_A, agent("other", "1.0.0"));

        assertThat(registry.delete(TENANT_A, ManifestKind.AGENT, CSV, Optional.empty())).isEqualTo(2);

        assertThat(registry.findLatest(TENANT_A, ManifestKind.AGENT, CSV)).isEmpty();
        assertThat(registry.countNames(TENANT_A, ManifestKind.AGENT)).isEqualTo(1);
        assertThat(registry.delete(TENANT_A, ManifestKind.AGENT, CSV, Optional.empty())).isZero();
    }

    @Test
    void delete_oneVersion_othersStayLastOneRemovesName() {
        deploy(TENANT_A, agent("csv-summariser", "1.0.0"));
        deploy(TENANT_A, agent("csv-summariser", "1.1.0"));

        assertThat(registry.delete(TENANT_A, ManifestKind.AGENT, CSV, Optional.of(ManifestVersion.of(1, 1, 0)))).isEqualTo(1);
        assertThat(registry.findLatest(TENANT_A, ManifestKind.AGENT, CSV).orElseThrow().version())
                .isEqualTo(ManifestVersion.of(1, 0, 0));
        assertThat(registry.delete(TENANT_A, ManifestKind.AGENT, CSV, Optional.of(ManifestVersion.of(9, 0, 0)))).isZero();
        assertThat(registry.delete(TENANT_A, ManifestKind.AGENT, CSV, Optional.of(ManifestVersion.of(1, 0, 0)))).isEqualTo(1);
        assertThat(registry.countNames(TENANT_A, ManifestKind.AGENT)).isZero();
    }

    @Test
    void delete_thenDeployAgain_freshName() {
        deploy(TENANT_A, agent("a", "1.0.0"), NameRule.EITHER, true, CountLimit.of(1));
        registry.delete(TENANT_A, ManifestKind.AGENT, ManifestName.of("a"), Optional.empty());

        deploy(TENANT_A, agent("b", "1.0.0"), NameRule.MUST_BE_NEW, true, CountLimit.of(1));

        assertThat(registry.countNames(TENANT_A, ManifestKind.AGENT)).isEqualTo(1);
    }

    @Test
    void otherTenant_everyReadAndDelete_seesNothing() {
        deploy(TENANT_A, agent("csv-summariser", "1.0.0"));

        assertThat(registry.findLatest(TENANT_B, ManifestKind.AGENT, CSV)).isEmpty();
        assertThat(registry.find(TENANT_B, ManifestKind.AGENT, CSV, ManifestVersion.of(1, 0, 0))).isEmpty();
        assertThat(registry.versions(TENANT_B, ManifestKind.AGENT, CSV)).isEmpty();
        assertThat(registry.list(TENANT_B, ManifestKind.AGENT, ManifestPageRequest.first(10)).items()).isEmpty();
        assertThat(registry.search(TENANT_B, ManifestKind.AGENT, "csv", ManifestPageRequest.first(10)).items()).isEmpty();
        assertThat(registry.countNames(TENANT_B, ManifestKind.AGENT)).isZero();
        assertThat(registry.delete(TENANT_B, ManifestKind.AGENT, CSV, Optional.empty())).isZero();
        assertThat(registry.findLatest(TENANT_A, ManifestKind.AGENT, CSV)).isPresent();
    }

    @Test
    void otherTenant_sameNameAndVersion_deployableIndependently() {
        deploy(TENANT_A, agent("csv-summariser", "1.0.0", "A's."));
        deploy(TENANT_B, agent("csv-summariser", "1.0.0", "B's."), NameRule.MUST_BE_NEW, true, ROOMY);

        assertThat(registry.findLatest(TENANT_A, ManifestKind.AGENT, CSV).orElseThrow().manifest().description())
                .isEqualTo("A's.");
        assertThat(registry.findLatest(TENANT_B, ManifestKind.AGENT, CSV).orElseThrow().tenantId()).isEqualTo(TENANT_B);
    }

    private static List<String> names(ManifestPage page) {
        return page.items().stream().map(s -> s.name().value()).collect(Collectors.toList());
    }
}
