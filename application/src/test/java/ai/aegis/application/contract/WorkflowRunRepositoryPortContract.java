package ai.aegis.application.contract;

import static ai.aegis.application.contract.ContractFixtures.NOW;
import static ai.aegis.application.contract.ContractFixtures.TENANT_A;
import static ai.aegis.application.contract.ContractFixtures.TENANT_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.out.WorkflowRunRepositoryPort;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.seal.CanonicalJson;
import ai.aegis.domain.seal.JsonValue;
import ai.aegis.domain.workflow.WorkflowRun;
import ai.aegis.domain.workflow.WorkflowRunEvent;
import ai.aegis.domain.workflow.WorkflowRunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WorkflowRunRepositoryPort} adapter must do: a run reads back exactly as stored
 * (workflow, data, state, step, wait limit, owner), ids are unique, a change is stored only over the
 * revision it was computed from (racing writers: exactly one wins), sentences come back in order,
 * tenants never see each other's runs, and the sweep sees unfinished, quiet runs oldest first.
 */
public abstract class WorkflowRunRepositoryPortContract {

    private static final Identity.ZaruUser ALICE = Identity.zaruUser(ZaruUserId.of("alice"), TENANT_A, ZaruTier.PRO);
    private static final Identity.ZaruUser BOB = Identity.zaruUser(ZaruUserId.of("bob"), TENANT_B, ZaruTier.BUSINESS);
    private static final JsonValue.JsonObject INPUTS =
            (JsonValue.JsonObject) CanonicalJson.parse("{\"topic\": \"otters\", \"words\": 300, \"tags\": [\"a\", true, null]}");

    private WorkflowRunRepositoryPort runs;

    /** A fresh adapter holding no runs. */
    protected abstract WorkflowRunRepositoryPort newWorkflowRunRepositoryPort();

    @BeforeEach
    void setUpRuns() {
        runs = newWorkflowRunRepositoryPort();
    }

    private static WorkflowRun.Change started(Identity owner, String id, Instant at) {
        return WorkflowRun.start(ExecutionId.of(id), owner, ConversationId.of("conv-" + id), ManifestFixtures.workflow(),
                INPUTS, at);
    }

    private WorkflowRun insert(Identity owner, String id, Instant at) {
        WorkflowRun.Change change = started(owner, id, at);
        runs.insert(change.run(), change.events());
        return change.run();
    }

    @Test
    void insert_thenFind_readsBackEveryField() {
        WorkflowRun.Change started = started(ALICE, "exec-1", NOW);
        runs.insert(started.run(), started.events());

        assertThat(runs.find(TENANT_A, ExecutionId.of("exec-1"))).contains(started.run());
        assertThat(runs.events(TENANT_A, ExecutionId.of("exec-1"))).isEqualTo(started.events());
    }

    @Test
    void update_waitingRunWithStepHistory_readsBackEveryField() {
        WorkflowRun run = insert(ALICE, "exec-1", NOW);
        WorkflowRun.Change stepped = run.withStep(ExecutionId.of("exec-2"), NOW.plusSeconds(1));
        runs.update(stepped.run(), stepped.events());
        WorkflowRun.Change waiting = stepped.run().afterStep(ExecutionStatus.COMPLETED, NOW.plusSeconds(2));
        runs.update(waiting.run(), waiting.events());

        WorkflowRun stored = runs.find(TENANT_A, run.id()).orElseThrow();
        assertThat(stored).isEqualTo(waiting.run());
        assertThat(stored.status()).isEqualTo(WorkflowRunStatus.WAITING);
        assertThat(stored.waitingUntil()).contains(NOW.plusSeconds(2).plus(Duration.ofDays(1)));
        List<WorkflowRunEvent> expected = new ArrayList<>(started(ALICE, "exec-1", NOW).events());
        expected.addAll(stepped.events());
        expected.addAll(waiting.events());
        assertThat(runs.events(TENANT_A, run.id())).isEqualTo(expected);
    }

    @Test
    void update_signalData_readsBackTheData() {
        WorkflowRun run = insert(ALICE, "exec-1", NOW);
        WorkflowRun.Change stepped = run.withStep(ExecutionId.of("exec-2"), NOW);
        runs.update(stepped.run(), stepped.events());
        WorkflowRun.Change waiting = stepped.run().afterStep(ExecutionStatus.COMPLETED, NOW);
        runs.update(waiting.run(), waiting.events());
        WorkflowRun.Change signalled = waiting.run().signal(Optional.of("review"),
                (JsonValue.JsonObject) CanonicalJson.parse("{\"approved\": true, \"note\": \"ok \\u00e9\"}"), NOW);
        runs.update(signalled.run(), signalled.events());

        WorkflowRun stored = runs.find(TENANT_A, run.id()).orElseThrow();
        assertThat(stored).isEqualTo(signalled.run());
        assertThat(stored.signals().get("review")).isEqualTo(CanonicalJson.parse("{\"approved\": true, \"note\": \"ok é\"}"));
        assertThat(stored.currentState()).isEqualTo("publish");
    }

    @Test
    void insert_existingId_refusedAlreadyExists() {
        insert(ALICE, "exec-1", NOW);

        assertThatThrownBy(() -> insert(ALICE, "exec-1", NOW))
                .isInstanceOf(AlreadyExistsException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo("workflow_run.exists");
    }

    @Test
    void update_staleRevision_refusedAndNothingChanged() {
        WorkflowRun run = insert(ALICE, "exec-1", NOW);
        WorkflowRun.Change first = run.withStep(ExecutionId.of("exec-2"), NOW);
        runs.update(first.run(), first.events());
        WorkflowRun.Change stale = run.cancel(NOW);

        assertThatThrownBy(() -> runs.update(stale.run(), stale.events()))
                .isInstanceOf(PreconditionFailedException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo("workflow_run.concurrent_update");
        assertThat(runs.find(TENANT_A, run.id())).contains(first.run());
        assertThat(runs.events(TENANT_A, run.id())).hasSize(started(ALICE, "exec-1", NOW).events().size() + 1);
    }

    @Test
    void update_missingRun_refusedConcurrentUpdate() {
        WorkflowRun.Change never = started(ALICE, "exec-9", NOW).run().cancel(NOW);

        assertThatThrownBy(() -> runs.update(never.run(), never.events()))
                .isInstanceOf(PreconditionFailedException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo("workflow_run.concurrent_update");
    }

    @Test
    void findAndEvents_otherTenant_seeNothing() {
        WorkflowRun run = insert(ALICE, "exec-1", NOW);

        assertThat(runs.find(TENANT_B, run.id())).isEmpty();
        assertThat(runs.events(TENANT_B, run.id())).isEmpty();
        assertThat(runs.findByStep(TENANT_B, run.id())).isEmpty();
    }

    @Test
    void findByStep_currentStep_findsItsRun() {
        WorkflowRun run = insert(ALICE, "exec-1", NOW);
        WorkflowRun.Change stepped = run.withStep(ExecutionId.of("exec-2"), NOW);
        runs.update(stepped.run(), stepped.events());

        assertThat(runs.findByStep(TENANT_A, ExecutionId.of("exec-2"))).contains(stepped.run());
        assertThat(runs.findByStep(TENANT_A, ExecutionId.of("exec-3"))).isEmpty();
        assertThat(runs.findByStep(TENANT_B, ExecutionId.of("exec-2"))).isEmpty();
    }

    @Test
    void unfinished_acrossTenants_quietAndUnfinishedOnlyOldestFirst() {
        WorkflowRun newer = insert(ALICE, "exec-2", NOW.plusSeconds(10));
        WorkflowRun older = insert(BOB, "exec-1", NOW);
        insert(ALICE, "exec-3", NOW.plusSeconds(60));
        WorkflowRun finished = insert(BOB, "exec-4", NOW);
        WorkflowRun.Change cancelled = finished.cancel(NOW.plusSeconds(1));
        runs.update(cancelled.run(), cancelled.events());

        assertThat(runs.unfinished(NOW.plusSeconds(30), Optional.empty(), 10)).containsExactly(older, newer);
        assertThat(runs.unfinished(NOW.plusSeconds(30), Optional.empty(), 1)).containsExactly(older);
    }

    @Test
    void unfinished_pagedFromEachPagesLastRun_visitsEveryRunOnceInOrder() {
        List<WorkflowRun> inserted = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // Two runs share each instant, so the id breaks the tie.
            inserted.add(insert(i % 2 == 0 ? ALICE : BOB, "exec-" + (char) ('a' + i), NOW.plusSeconds(i / 2)));
        }
        List<WorkflowRun> visited = new ArrayList<>();
        Optional<WorkflowRunRepositoryPort.SweepPosition> after = Optional.empty();
        for (int pass = 0; pass < 10; pass++) {
            List<WorkflowRun> page = runs.unfinished(NOW.plusSeconds(60), after, 3);
            visited.addAll(page);
            if (page.size() < 3) {
                break;
            }
            after = Optional.of(WorkflowRunRepositoryPort.SweepPosition.of(page.get(page.size() - 1)));
        }

        assertThat(visited).containsExactlyElementsOf(inserted);
    }

    @Test
    void update_racingWritersFromOneRevision_exactlyOneWins() throws Exception {
        WorkflowRun run = insert(ALICE, "exec-1", NOW);
        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                WorkflowRun.Change change = run.withStep(ExecutionId.of("exec-step-" + i), NOW.plusSeconds(i));
                Callable<Boolean> write = () -> {
                    go.await();
                    try {
                        runs.update(change.run(), change.events());
                        return true;
                    } catch (PreconditionFailedException lost) {
                        return false;
                    }
                };
                results.add(pool.submit(write));
            }
            go.countDown();
            int wins = 0;
            for (Future<Boolean> result : results) {
                wins += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(wins).isEqualTo(1);
            assertThat(runs.find(TENANT_A, run.id()).orElseThrow().revision()).isEqualTo(run.revision() + 1);
            assertThat(runs.events(TENANT_A, run.id())).hasSize(started(ALICE, "exec-1", NOW).events().size() + 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void insert_operatorOwner_readsBackTheOperator() {
        Identity operator = Identity.operator("op-1", ai.aegis.domain.identity.AegisRole.OPERATOR);
        WorkflowRun.Change started = started(operator, "exec-7", NOW);
        runs.insert(started.run(), started.events());

        TenantId system = started.run().tenantId();
        assertThat(runs.find(system, ExecutionId.of("exec-7"))).contains(started.run());
    }
}
