package ai.aegis.application.service;

import static ai.aegis.application.service.ServiceFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.port.in.CancelExecutionCommand;
import ai.aegis.application.port.in.FinishExecutionCommand;
import ai.aegis.application.port.in.ReportIterationCommand;
import ai.aegis.application.port.in.SpawnChildExecutionCommand;
import ai.aegis.application.port.in.StartRootExecutionCommand;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionOutcome;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.iteration.IterationEventKind;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.limits.LimitOverrides;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The one-statement cascade keeps every consequence per ended execution (SEAL revocation, one
 * status change, one iteration event, one audit record per call), and the concurrency cap is exact
 * per user under racing callers.
 */
class ExecutionCascadeAndConcurrencyTest {

    private final ServiceFixture f = new ServiceFixture();
    private final Identity.ZaruUser enterprise = user("enterprise-user", ZaruTier.ENTERPRISE);
    private final Identity.ZaruUser pro = user("pro-user", ZaruTier.PRO);

    private Execution startRoot(Identity identity) {
        Conversation conversation = f.conversation(identity, ConversationMode.AGENTIC);
        return f.executions.start(new StartRootExecutionCommand(identity, conversation.id()));
    }

    private Execution spawn(Identity identity, ExecutionId parent) {
        return f.executions.spawn(SpawnChildExecutionCommand.inheriting(identity, parent));
    }

    /** A root with 3 children and 2 grandchildren each; the root and the first child are Running. */
    private List<Execution> swarm(Identity identity) {
        List<Execution> all = new ArrayList<>();
        Execution root = startRoot(identity);
        f.executions.report(new ReportIterationCommand(identity, root.id(), IterationEventKind.ATTEMPT_STARTED,
                Optional.empty()));
        all.add(root);
        for (int c = 0; c < 3; c++) {
            Execution child = spawn(identity, root.id());
            all.add(child);
            for (int g = 0; g < 2; g++) {
                all.add(spawn(identity, child.id()));
            }
        }
        f.executions.report(new ReportIterationCommand(identity, all.get(1).id(), IterationEventKind.ATTEMPT_STARTED,
                Optional.empty()));
        return all;
    }

    private List<ExecutionStatusChange> endings(ExecutionId id) {
        return f.publisher.statusChanges().stream().filter(c -> c.executionId().equals(id) && c.to().isTerminal()).toList();
    }

    @Test
    void cancel_rootOfSwarm_everyMemberEndedAnnouncedAndToldCancelledAndOneAuditRecord() {
        List<Execution> swarm = swarm(enterprise);
        int auditsBefore = f.audit.all().size();

        List<Execution> cancelled = f.executions.cancel(new CancelExecutionCommand(enterprise, swarm.get(0).id()));

        assertThat(cancelled).extracting(Execution::id)
                .containsExactlyInAnyOrderElementsOf(swarm.stream().map(Execution::id).toList());
        assertThat(cancelled.get(0).id()).isEqualTo(swarm.get(0).id());
        for (Execution member : swarm) {
            assertThat(endings(member.id())).hasSize(1).allMatch(c -> c.to() == ExecutionStatus.CANCELLED);
            assertThat(f.history(enterprise, member.id()))
                    .filteredOn(e -> e.kind().isFinal()).extracting(IterationEvent::kind)
                    .containsExactly(IterationEventKind.CANCELLED);
        }
        assertThat(endings(swarm.get(0).id()).get(0).from()).contains(ExecutionStatus.RUNNING);
        assertThat(endings(swarm.get(2).id()).get(0).from()).contains(ExecutionStatus.PENDING);
        assertThat(f.publisher.iterationEvents()).filteredOn(e -> e.kind() == IterationEventKind.CANCELLED)
                .hasSize(swarm.size());
        List<AuditRecord> audits = f.audit.all().subList(auditsBefore, f.audit.all().size());
        assertThat(audits).singleElement().satisfies(record -> {
            assertThat(record.action()).isEqualTo("execution.cancel");
            assertThat(record.decision()).isEqualTo(AuditDecision.ALLOWED);
        });
        assertThat(f.executionStore.countActive(enterprise.tenantId())).isZero();
    }

    @Test
    void finish_failedChild_childFailedItsDescendantsCancelledOthersUntouched() {
        List<Execution> swarm = swarm(enterprise);
        Execution child = swarm.get(1);

        List<Execution> ended = f.executions.finish(new FinishExecutionCommand(enterprise, child.id(),
                ExecutionOutcome.FAILED, Optional.of("the tests still fail")));

        assertThat(ended).extracting(Execution::id).containsExactly(child.id(), swarm.get(2).id(), swarm.get(3).id());
        assertThat(ended.get(0).status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(endings(child.id())).singleElement().satisfies(c -> {
            assertThat(c.from()).contains(ExecutionStatus.RUNNING);
            assertThat(c.to()).isEqualTo(ExecutionStatus.FAILED);
        });
        assertThat(f.iterations.listByExecution(enterprise.tenantId(), child.id())).last()
                .satisfies(e -> assertThat(e.kind()).isEqualTo(IterationEventKind.FAILED));
        assertThat(f.history(enterprise, child.id())).filteredOn(e -> e.kind().isFinal()).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("the tests still fail"));
        assertThat(f.history(enterprise, swarm.get(2).id())).extracting(IterationEvent::kind)
                .containsExactly(IterationEventKind.CANCELLED);
        assertThat(f.executionStore.countActive(enterprise.tenantId())).isEqualTo(swarm.size() - 3);
    }

    @Test
    void start_fiftyRacingCallsOfAProUser_exactlyFiveAdmittedAndEveryRefusalAudited() throws Exception {
        int contenders = 50;
        List<Conversation> conversations = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            conversations.add(f.conversation(pro, ConversationMode.AGENTIC));
        }
        List<String> refusals = Collections.synchronizedList(new ArrayList<>());
        race(contenders, n -> {
            try {
                f.executions.start(new StartRootExecutionCommand(pro, conversations.get(n).id()));
            } catch (LimitExceededException refused) {
                refusals.add(refused.getMessage());
            }
        });

        assertThat(f.executionStore.countActive(pro.tenantId())).isEqualTo(5);
        assertThat(refusals).hasSize(contenders - 5)
                .allMatch(message -> message.contains("5 active executions") && message.contains("allows 5 at once"));
        assertThat(f.audit.all()).filteredOn(r -> r.action().equals("execution.start_root")
                        && r.decision() == AuditDecision.DENIED)
                .hasSize(contenders - 5)
                .allMatch(r -> r.reasonCode().equals("limit.concurrent_executions"));
    }

    @Test
    void spawn_fiftyRacingCallsAcrossFiveSwarms_childrenAdmittedExactlyUpToTheCap() throws Exception {
        f.overrides.setUser(pro.tenantId(), pro.subject(), LimitOverrides.none().withMaxConcurrentExecutions(CountLimit.of(12)));
        List<Execution> roots = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            roots.add(startRoot(pro));
        }
        AtomicInteger refused = new AtomicInteger();
        race(50, n -> {
            try {
                spawn(pro, roots.get(n % roots.size()).id());
            } catch (LimitExceededException | PreconditionFailedException lost) {
                refused.incrementAndGet();
            }
        });

        assertThat(f.executionStore.countActive(pro.tenantId())).isEqualTo(12);
        assertThat(refused.get()).isEqualTo(50 - 7);
    }

    private interface Contender {
        void run(int n) throws Exception;
    }

    private static void race(int contenders, Contender contender) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < contenders; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    contender.run(n);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
