package ai.aegis.domain.registry;

import static ai.aegis.domain.registry.ManifestDocuments.AGENT;
import static ai.aegis.domain.registry.ManifestDocuments.MINIMAL_AGENT;
import static ai.aegis.domain.registry.ManifestDocuments.WORKFLOW;
import static ai.aegis.domain.registry.ManifestDocuments.object;
import static ai.aegis.domain.registry.ManifestDocuments.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.seal.JsonValue;
import ai.aegis.domain.security.SecurityContextName;
import ai.aegis.domain.security.ToolPattern;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestParserTest {

    private static List<String> pointers(ManifestValidation validation) {
        return validation.errors().stream().map(FieldError::pointer).collect(Collectors.toList());
    }

    private static ManifestValidation agentWith(String pointer, JsonValue value) {
        return ManifestParser.parse(ManifestKind.AGENT, with(object(AGENT), pointer, value));
    }

    private static ManifestValidation workflowWith(String pointer, JsonValue value) {
        return ManifestParser.parse(ManifestKind.WORKFLOW, with(object(WORKFLOW), pointer, value));
    }

    @Test
    void parse_fullAgent_everyMemberRead() {
        AgentManifest agent = (AgentManifest) ManifestParser.parse(ManifestKind.AGENT, AGENT).orThrow();

        assertThat(agent.name()).isEqualTo(ManifestName.of("csv-summariser"));
        assertThat(agent.version()).isEqualTo(ManifestVersion.of(1, 2, 0));
        assertThat(agent.runtime()).isEqualTo("python:3.12");
        assertThat(agent.code()).contains(new AgentManifest.Code("main.py", "print('{}')"));
        assertThat(agent.tools()).containsExactly(ToolPattern.of("fs.*"), ToolPattern.of("web.fetch"));
        assertThat(agent.validation().orElseThrow().exitCode()).isEqualTo(OptionalInt.of(0));
        assertThat(agent.validation().orElseThrow().expectedOutput()).contains("{}");
        assertThat(agent.validation().orElseThrow().jsonSchema()).contains(object("{\"type\":\"object\"}"));
        assertThat(agent.maxIterations()).isEqualTo(OptionalInt.of(5));
        assertThat(agent.securityContext()).contains(SecurityContextName.of("zaru-pro"));
    }

    @Test
    void parse_minimalAgent_optionalMembersAbsent() {
        AgentManifest agent = (AgentManifest) ManifestParser.parse(MINIMAL_AGENT).orThrow();

        assertThat(agent.code()).isEmpty();
        assertThat(agent.tools()).isEmpty();
        assertThat(agent.validation()).isEmpty();
        assertThat(agent.maxIterations()).isEmpty();
        assertThat(agent.securityContext()).isEmpty();
    }

    @Test
    void document_agentAndWorkflow_readBackEqual() {
        for (String json : List.of(AGENT, MINIMAL_AGENT, WORKFLOW)) {
            Manifest manifest = ManifestParser.parse(json).orThrow();

            assertThat(ManifestParser.parse(manifest.document()).orThrow()).isEqualTo(manifest);
        }
    }

    @Test
    void parse_fullWorkflow_statesAndTransitionsRead() {
        WorkflowManifest workflow = (WorkflowManifest) ManifestParser.parse(ManifestKind.WORKFLOW, WORKFLOW).orThrow();

        assertThat(workflow.initialState()).isEqualTo("draft");
        assertThat(workflow.states().keySet()).containsExactly("draft", "review", "publish", "done", "failed");
        assertThat(workflow.states().get("draft")).isEqualTo(new WorkflowState.AgentStep(ManifestName.of("writer"),
                Optional.of(ManifestVersion.of(1, 0, 0)), Optional.of("Write a post."), "review", Optional.of("failed")));
        WorkflowState.HumanInput review = (WorkflowState.HumanInput) workflow.states().get("review");
        assertThat(review.timeoutSeconds()).isEqualTo(OptionalLong.of(86400));
        assertThat(review.onSignal()).isEqualTo("publish");
        assertThat(review.onTimeout()).contains("failed");
        assertThat(workflow.states().get("done")).isEqualTo(new WorkflowState.End(WorkflowState.Outcome.SUCCEEDED));
        assertThat(workflow.agents()).containsExactly(ManifestName.of("writer"), ManifestName.of("publisher"));
    }

    @ParameterizedTest(name = "{0} missing")
    @CsvSource({"/format", "/name", "/version", "/description", "/runtime", "/instructions", "/code/filename",
            "/code/source"})
    void parse_agentRequiredMemberMissing_errorPointsAtIt(String pointer) {
        ManifestValidation result = agentWith(pointer, null);

        assertThat(pointers(result)).containsExactly(pointer);
        assertThat(result.errors().get(0).message()).isEqualTo("is required");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "/format|\"aegis/v2\"", "/name|\"CSV Summariser\"", "/name|7", "/version|\"1.0\"", "/version|\"01.0.0\"",
            "/description|\"   \"", "/runtime|\"Python 3\"", "/instructions|\"\"", "/code|\"print(1)\"",
            "/code/filename|\"../main.py\"", "/tools|\"fs.*\"", "/tools/1|\"Web Fetch\"", "/tools/1|\"fs.*\"",
            "/tools/0|3", "/validation|[]", "/validation/exit_code|256", "/validation/exit_code|1.5",
            "/validation/expected_output|\"\"", "/validation/expected_output|false", "/validation/json_schema|\"object\"",
            "/max_iterations|0", "/max_iterations|101", "/security_context|\"root\"", "/surprise|true",
            "/validation/exit_status|0", "/code/language|\"python\""})
    void parse_agentMemberInvalid_exactlyOneErrorAtThatField(String pointer, String json) {
        ManifestValidation result = agentWith(pointer, ai.aegis.domain.seal.CanonicalJson.parse(json));

        assertThat(result.isValid()).isFalse();
        assertThat(pointers(result)).containsExactly(pointer);
    }

    @Test
    void parse_agentValidationEmpty_errorAtValidation() {
        ManifestValidation result = agentWith("/validation", new JsonValue.JsonObject(Map.of()));

        assertThat(pointers(result)).containsExactly("/validation");
        assertThat(result.errors().get(0).message()).contains("exit_code", "expected_output", "json_schema");
    }

    @Test
    void parse_manyProblems_everyOneReportedWithItsField() {
        JsonValue.JsonObject doc = object(AGENT);
        doc = with(doc, "/name", JsonValue.string("Bad Name"));
        doc = with(doc, "/runtime", null);
        doc = with(doc, "/validation/expected_output", JsonValue.string(""));
        doc = with(doc, "/tools/0", JsonValue.string("FS"));
        doc = with(doc, "/max_iterations", JsonValue.number(1000));

        ManifestValidation result = ManifestParser.parse(ManifestKind.AGENT, doc);

        assertThat(pointers(result)).containsExactlyInAnyOrder("/name", "/runtime", "/validation/expected_output",
                "/tools/0", "/max_iterations");
    }

    @Test
    void parse_notJson_oneDocumentError() {
        ManifestValidation result = ManifestParser.parse("{\"kind\": \"agent\",");

        assertThat(pointers(result)).containsExactly("");
        assertThat(result.errors().get(0).message()).startsWith("the manifest is not valid JSON");
    }

    @Test
    void parse_array_oneDocumentError() {
        assertThat(pointers(ManifestParser.parse("[]"))).containsExactly("");
    }

    @Test
    void parse_emptyText_oneDocumentError() {
        assertThat(pointers(ManifestParser.parse("  "))).containsExactly("");
    }

    @Test
    void parse_workflowWhereAgentExpected_errorAtKind() {
        ManifestValidation result = ManifestParser.parse(ManifestKind.AGENT, WORKFLOW);

        assertThat(pointers(result)).containsExactly("/kind");
        assertThat(result.errors().get(0).message()).contains("workflow manifest");
    }

    @Test
    void parse_unknownKind_errorAtKind() {
        assertThat(pointers(ManifestParser.parse("{\"kind\": \"robot\"}"))).containsExactly("/kind");
        assertThat(pointers(ManifestParser.parse("{}"))).containsExactly("/kind");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "/initial_state|\"start\"",
            "/states/draft/transitions/completed|\"reveiw\"",
            "/states/draft/type|\"robot\"",
            "/states/draft/agent|\"Writer\"",
            "/states/draft/agent_version|\"latest\"",
            "/states/draft/transitions/done|\"done\"",
            "/states/draft/transitions/completed|5",
            "/states/review/prompt|\"\"",
            "/states/review/timeout_seconds|0",
            "/states/review/input_schema|true",
            "/states/done/outcome|\"maybe\"",
            "/states/done/extra|1",
            "/states|{}",
            "/states/Bad State|{\"type\":\"end\",\"outcome\":\"failed\"}"})
    void parse_workflowMemberInvalid_exactlyOneErrorAtThatField(String pointer, String json) {
        ManifestValidation result = workflowWith(pointer.replace("Bad State", "Bad~1State"),
                ai.aegis.domain.seal.CanonicalJson.parse(json));

        assertThat(result.isValid()).isFalse();
        assertThat(pointers(result)).containsExactly(pointer.replace("Bad State", "Bad~1State"));
    }

    @Test
    void parse_workflowTransitionRequiredMissing_errorAtTheEvent() {
        ManifestValidation result = workflowWith("/states/publish/transitions/completed", null);

        assertThat(pointers(result)).contains("/states/publish/transitions/completed");
    }

    @Test
    void parse_workflowUnreachableState_errorAtThatState() {
        JsonValue.JsonObject doc = with(object(WORKFLOW), "/states/orphan",
                object("{\"type\": \"end\", \"outcome\": \"failed\"}"));

        ManifestValidation result = ManifestParser.parse(ManifestKind.WORKFLOW, doc);

        assertThat(pointers(result)).containsExactly("/states/orphan");
        assertThat(result.errors().get(0).message()).contains("never reached");
    }

    @Test
    void parse_workflowWithoutEndState_errorAtStates() {
        String json = """
                {"format": "aegis/v1", "kind": "workflow", "name": "loop", "version": "1.0.0", "description": "Loops.",
                 "initial_state": "a",
                 "states": {"a": {"type": "agent", "agent": "x", "transitions": {"completed": "a"}}}}""";

        assertThat(pointers(ManifestParser.parse(json))).containsExactly("/states");
    }

    @Test
    void parse_humanInputTimeoutTransitionWithoutTimeout_errorAtTheTransition() {
        ManifestValidation result = workflowWith("/states/review/timeout_seconds", null);

        assertThat(pointers(result)).containsExactly("/states/review/transitions/timeout");
    }

    @Test
    void parse_humanInputTimeoutWithoutTransition_errorAtTransitions() {
        ManifestValidation result = workflowWith("/states/review/transitions/timeout", null);

        assertThat(pointers(result)).containsExactly("/states/review/transitions");
    }

    @Test
    void orThrow_invalid_messageNamesEveryField() {
        JsonValue.JsonObject doc = with(with(object(AGENT), "/name", null), "/runtime", JsonValue.number(1));

        assertThatThrownBy(() -> ManifestParser.parse(ManifestKind.AGENT, doc).orThrow())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("/name: is required")
                .hasMessageContaining("/runtime: must be a string")
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("manifest.invalid");
    }

    @Test
    void fieldError_escapedMemberName_rfc6901() {
        assertThat(FieldError.child("/states", "a/b~c")).isEqualTo("/states/a~1b~0c");
    }
}
