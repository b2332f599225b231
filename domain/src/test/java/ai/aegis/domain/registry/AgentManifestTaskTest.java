package ai.aegis.domain.registry;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.domain.execution.TaskSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentManifestTaskTest {

    private static final AgentManifest GREETER = (AgentManifest) ManifestParser.parse(ManifestKind.AGENT, """
            {"format": "aegis/v1", "kind": "agent", "name": "greeter", "version": "1.0.0",
             "description": "Greets.", "runtime": "python:3.12", "instructions": "Greet politely.",
             "code": {"filename": "main.py", "source": "print('hi')"},
             "validation": {"exit_code": 0, "expected_output": "hi"}}""").orThrow();

    @Test
    void task_nothingGiven_agentsCodeUntaggedRuntimeAndCheck() {
        TaskSpec task = GREETER.task("Request: greet Ada", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("{}"));

        assertThat(task.instructions()).isEqualTo("Greet politely.\n\nRequest: greet Ada");
        assertThat(task.code()).contains("print('hi')");
        assertThat(task.runtime()).contains("python");
        assertThat(task.expectedOutput()).contains("hi");
        assertThat(task.expectedExitCode()).contains(0);
        assertThat(task.agent()).contains("greeter");
        assertThat(task.input()).contains("{}");
    }

    @Test
    void task_callerGivesCodeRuntimeAndOutput_theirsWin() {
        TaskSpec task = GREETER.task("Request: x", Optional.of("echo hey"), Optional.of("bash"), Optional.of("hey"),
                Optional.empty());

        assertThat(task.code()).contains("echo hey");
        assertThat(task.runtime()).contains("bash");
        assertThat(task.expectedOutput()).contains("hey");
    }
}
