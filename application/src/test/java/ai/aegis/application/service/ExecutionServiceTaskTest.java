package ai.aegis.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.memory.InMemoryExecutionTaskAdapter;
import ai.aegis.application.port.in.FinishExecutionCommand;
import ai.aegis.application.port.in.SpawnChildExecutionCommand;
import ai.aegis.application.port.in.StartRootExecutionCommand;
import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionOutcome;
import ai.aegis.domain.execution.ExecutionOutput;
import ai.aegis.domain.execution.TaskSpec;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.ZaruTier;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecutionServiceTaskTest {

    private final ServiceFixture f = new ServiceFixture();
    private final InMemoryExecutionTaskAdapter tasks = new InMemoryExecutionTaskAdapter();
    private final ExecutionService withTasks = new ExecutionService(f.conversations, f.executionStore, f.iterations,
            f.overrides, f.publisher, f.audit, f.clock, f.ids, 8, tasks);
    private final Identity.ZaruUser pro = ServiceFixture.user("pat", ZaruTier.PRO);

    @Test
    void start_withTask_taskStoredWithTheRoot() {
        Conversation conversation = f.conversation(pro, ConversationMode.AGENTIC);
        TaskSpec task = TaskSpec.instructions("Print hello").withCode("print(\"hello\")", "python3")
                .withExpectedOutput("hello");

        Execution root = withTasks.start(new StartRootExecutionCommand(pro, conversation.id(), Optional.of(task)));

        assertThat(tasks.find(pro.tenantId(), root.id())).contains(task);
    }

    @Test
    void spawn_withTask_taskStoredWithTheChild() {
        Conversation conversation = f.conversation(pro, ConversationMode.AGENTIC);
        Execution root = withTasks.start(new StartRootExecutionCommand(pro, conversation.id()));
        TaskSpec task = TaskSpec.instructions("Count the words").withCode("print(3)", "python3");

        Execution child = withTasks.spawn(SpawnChildExecutionCommand.inheriting(pro, root.id()).withTask(task));

        assertThat(tasks.find(pro.tenantId(), child.id())).contains(task);
        assertThat(tasks.find(pro.tenantId(), root.id())).isEmpty();
    }

    @Test
    void finish_withOutput_outputKeptWithTheExecution() {
        Conversation conversation = f.conversation(pro, ConversationMode.AGENTIC);
        Execution root = withTasks.start(new StartRootExecutionCommand(pro, conversation.id(),
                Optional.of(TaskSpec.instructions("Print 42"))));
        ExecutionOutput output = ExecutionOutput.of("42\n", "", 0, false, java.util.List.of("answer.txt"));
        withTasks.report(new ai.aegis.application.port.in.ReportIterationCommand(pro, root.id(),
                ai.aegis.domain.iteration.IterationEventKind.ATTEMPT_STARTED, Optional.empty()));

        withTasks.finish(new FinishExecutionCommand(pro, root.id(), ExecutionOutcome.COMPLETED, Optional.empty(),
                Optional.of(output)));

        assertThat(tasks.findOutput(pro.tenantId(), root.id())).contains(output);
    }

    @Test
    void finish_alreadyEndedWithOutput_refusedAndNoOutputKept() {
        Conversation conversation = f.conversation(pro, ConversationMode.AGENTIC);
        Execution root = withTasks.start(new StartRootExecutionCommand(pro, conversation.id()));
        withTasks.finish(new FinishExecutionCommand(pro, root.id(), ExecutionOutcome.FAILED, Optional.empty()));

        assertThatThrownBy(() -> withTasks.finish(new FinishExecutionCommand(pro, root.id(), ExecutionOutcome.COMPLETED,
                Optional.empty(), Optional.of(ExecutionOutput.of("late", "", 0, false, java.util.List.of())))))
                .isInstanceOf(ai.aegis.domain.error.DomainException.class);
        assertThat(tasks.findOutput(pro.tenantId(), root.id())).isEmpty();
    }

    @Test
    void start_withTaskRefusedByMode_noTaskStored() {
        Conversation chat = f.conversation(pro, ConversationMode.CHAT);

        assertThatThrownBy(() -> withTasks.start(new StartRootExecutionCommand(pro, chat.id(),
                Optional.of(TaskSpec.instructions("Print hello")))))
                .isInstanceOf(ai.aegis.domain.error.AccessDeniedException.class);
    }

    @Test
    void start_withTaskButNoTaskStore_refusedAsProgrammingError() {
        Conversation conversation = f.conversation(pro, ConversationMode.AGENTIC);

        ExecutionService withoutTasks = new ExecutionService(f.conversations, f.executionStore, f.iterations, f.overrides,
                f.publisher, f.audit, f.clock, f.ids);

        assertThatThrownBy(() -> withoutTasks.start(new StartRootExecutionCommand(pro, conversation.id(),
                Optional.of(TaskSpec.instructions("Print hello")))))
                .isInstanceOf(IllegalStateException.class);
    }
}
