package ai.aegis.application.registry;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.contract.ManifestFixtures;
import ai.aegis.application.port.in.GetManifestSchemaQuery;
import ai.aegis.application.service.ManifestSchemaService;
import ai.aegis.domain.registry.ManifestKind;
import ai.aegis.domain.registry.ManifestParser;
import ai.aegis.domain.registry.ManifestValidation;
import ai.aegis.domain.seal.CanonicalJson;
import ai.aegis.domain.seal.JsonValue;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The served JSON Schemas are valid draft 2020-12 schemas, and they agree with the parser — the
 * one that decides — on a set of valid and invalid documents. A third group shows what only the
 * parser can check (the workflow state graph), which the workflow schema's description states.
 */
class ManifestSchemaAgreementTest {

    private static final ManifestSchemaService SERVICE = new ManifestSchemaService();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private static Schema schema(ManifestKind kind) {
        return REGISTRY.getSchema(SERVICE.schema(new GetManifestSchemaQuery(kind)).json(), InputFormat.JSON);
    }

    private static List<Error> schemaErrors(ManifestKind kind, String document) {
        return schema(kind).validate(document, InputFormat.JSON);
    }

    @ParameterizedTest
    @EnumSource(ManifestKind.class)
    void schema_eachKind_validAgainstTheDraft202012MetaSchema(ManifestKind kind) {
        Schema meta = REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

        assertThat(meta.validate(SERVICE.schema(new GetManifestSchemaQuery(kind)).json(), InputFormat.JSON)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void metaSchema_brokenSchema_flagged() {
        Schema meta = REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

        assertThat(meta.validate("{\"type\": \"objekt\", \"required\": \"name\"}", InputFormat.JSON)).isNotEmpty();
    }

    static Stream<Arguments> agreeing() {
        JsonValue.JsonObject agent = object(ManifestFixtures.FULL_AGENT);
        JsonValue.JsonObject minimal = object(ManifestFixtures.agentDocument("echo", "0.1.0", "Echoes."));
        JsonValue.JsonObject workflow = object(ManifestFixtures.WORKFLOW);
        List<Arguments> cases = new ArrayList<>();
        valid(cases, ManifestKind.AGENT, "full agent", agent);
        valid(cases, ManifestKind.AGENT, "minimal agent", minimal);
        valid(cases, ManifestKind.AGENT, "tenant context", with(agent, "/security_context", s("tenant-acme-labs-build")));
        valid(cases, ManifestKind.AGENT, "only a json schema", with(agent, "/validation",
                object("{\"json_schema\": {\"type\": \"array\"}}")));
        valid(cases, ManifestKind.AGENT, "wildcard tool", with(agent, "/tools", object("{\"t\": [\"*\"]}").get("t")));
        valid(cases, ManifestKind.WORKFLOW, "full workflow", workflow);
        valid(cases, ManifestKind.WORKFLOW, "human input without timeout", with(with(workflow,
                "/states/review/timeout_seconds", null), "/states/review/transitions/timeout", null));
        invalid(cases, ManifestKind.AGENT, "wrong format", with(agent, "/format", s("aegis/v2")));
        invalid(cases, ManifestKind.AGENT, "wrong kind", with(agent, "/kind", s("workflow")));
        invalid(cases, ManifestKind.AGENT, "name upper case", with(agent, "/name", s("CSV")));
        invalid(cases, ManifestKind.AGENT, "name double hyphen", with(agent, "/name", s("csv--x")));
        invalid(cases, ManifestKind.AGENT, "version two parts", with(agent, "/version", s("1.0")));
        invalid(cases, ManifestKind.AGENT, "version leading zero", with(agent, "/version", s("1.01.0")));
        invalid(cases, ManifestKind.AGENT, "blank description", with(agent, "/description", s("  ")));
        invalid(cases, ManifestKind.AGENT, "runtime with space", with(agent, "/runtime", s("python 3")));
        invalid(cases, ManifestKind.AGENT, "instructions missing", with(agent, "/instructions", null));
        invalid(cases, ManifestKind.AGENT, "code without source", with(agent, "/code/source", null));
        invalid(cases, ManifestKind.AGENT, "code filename with directory", with(agent, "/code/filename", s("src/main.py")));
        invalid(cases, ManifestKind.AGENT, "tool pattern bad", with(agent, "/tools/0", s("fs*")));
        invalid(cases, ManifestKind.AGENT, "tool repeated", with(agent, "/tools/1", s("fs.*")));
        invalid(cases, ManifestKind.AGENT, "empty validation", with(agent, "/validation", object("{}")));
        invalid(cases, ManifestKind.AGENT, "exit code too big", with(agent, "/validation/exit_code", JsonValue.number(256)));
        invalid(cases, ManifestKind.AGENT, "exit code fraction", with(agent, "/validation/exit_code", JsonValue.number(0.5)));
        invalid(cases, ManifestKind.AGENT, "empty expected output", with(agent, "/validation/expected_output", s("")));
        invalid(cases, ManifestKind.AGENT, "schema not an object", with(agent, "/validation/json_schema", s("object")));
        invalid(cases, ManifestKind.AGENT, "zero iterations", with(agent, "/max_iterations", JsonValue.number(0)));
        invalid(cases, ManifestKind.AGENT, "context outside namespaces", with(agent, "/security_context", s("admin")));
        invalid(cases, ManifestKind.AGENT, "unknown member", with(agent, "/memory", s("2g")));
        invalid(cases, ManifestKind.AGENT, "unknown validation member", with(agent, "/validation/stdout", s("x")));
        invalid(cases, ManifestKind.WORKFLOW, "no states", with(workflow, "/states", object("{}")));
        invalid(cases, ManifestKind.WORKFLOW, "bad state name", with(workflow, "/states/Review", object(
                "{\"type\": \"end\", \"outcome\": \"failed\"}")));
        invalid(cases, ManifestKind.WORKFLOW, "unknown state type", with(workflow, "/states/done/type", s("stop")));
        invalid(cases, ManifestKind.WORKFLOW, "agent step without agent", with(workflow, "/states/draft/agent", null));
        invalid(cases, ManifestKind.WORKFLOW, "agent step unknown event", with(workflow, "/states/draft/transitions/done",
                s("done")));
        invalid(cases, ManifestKind.WORKFLOW, "agent step no completed", with(workflow,
                "/states/publish/transitions/completed", null));
        invalid(cases, ManifestKind.WORKFLOW, "human input no prompt", with(workflow, "/states/review/prompt", null));
        invalid(cases, ManifestKind.WORKFLOW, "timeout transition without timeout", with(workflow,
                "/states/review/timeout_seconds", null));
        invalid(cases, ManifestKind.WORKFLOW, "timeout without transition", with(workflow,
                "/states/review/transitions/timeout", null));
        invalid(cases, ManifestKind.WORKFLOW, "end with transitions", with(workflow, "/states/done/transitions",
                object("{\"signal\": \"draft\"}")));
        invalid(cases, ManifestKind.WORKFLOW, "bad outcome", with(workflow, "/states/done/outcome", s("ok")));
        invalid(cases, ManifestKind.WORKFLOW, "initial state missing", with(workflow, "/initial_state", null));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}: valid={3}")
    @MethodSource("agreeing")
    void schemaAndParser_example_agree(ManifestKind kind, String label, String document, boolean valid) {
        ManifestValidation parsed = ManifestParser.parse(kind, document);
        List<Error> errors = schemaErrors(kind, document);

        assertThat(parsed.isValid()).as("parser on %s: %s", label, parsed.errors()).isEqualTo(valid);
        assertThat(errors.isEmpty()).as("schema on %s: %s", label, errors).isEqualTo(valid);
    }

    static Stream<Arguments> graphOnly() {
        JsonValue.JsonObject workflow = object(ManifestFixtures.WORKFLOW);
        return Stream.of(
                Arguments.of("transition to an undefined state", with(workflow, "/states/draft/transitions/completed",
                        s("reveiw")).canonical()),
                Arguments.of("initial state undefined", with(workflow, "/initial_state", s("start")).canonical()),
                Arguments.of("unreachable state", with(workflow, "/states/orphan",
                        object("{\"type\": \"end\", \"outcome\": \"failed\"}")).canonical()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphOnly")
    void workflowGraphProblem_schemaCannotSeeIt_parserRefuses(String label, String document) {
        assertThat(schemaErrors(ManifestKind.WORKFLOW, document)).isEmpty();
        assertThat(ManifestParser.parse(ManifestKind.WORKFLOW, document).isValid()).isFalse();
    }

    private static void valid(List<Arguments> cases, ManifestKind kind, String label, JsonValue.JsonObject document) {
        cases.add(Arguments.of(kind, label, document.canonical(), true));
    }

    private static void invalid(List<Arguments> cases, ManifestKind kind, String label, JsonValue.JsonObject document) {
        cases.add(Arguments.of(kind, label, document.canonical(), false));
    }

    private static JsonValue.JsonString s(String value) {
        return JsonValue.string(value);
    }

    private static JsonValue.JsonObject object(String json) {
        return (JsonValue.JsonObject) CanonicalJson.parse(json);
    }

    /** {@code document} with the member at {@code pointer} replaced, or removed when {@code value} is null. */
    private static JsonValue.JsonObject with(JsonValue.JsonObject document, String pointer, JsonValue value) {
        return (JsonValue.JsonObject) with(document, pointer.substring(1).split("/", -1), 0, value);
    }

    private static JsonValue with(JsonValue node, String[] parts, int i, JsonValue value) {
        boolean last = i == parts.length - 1;
        if (node instanceof JsonValue.JsonArray array) {
            List<JsonValue> elements = new ArrayList<>(array.elements());
            int index = Integer.parseInt(parts[i]);
            elements.set(index, last ? value : with(elements.get(index), parts, i + 1, value));
            return new JsonValue.JsonArray(elements);
        }
        Map<String, JsonValue> members = new LinkedHashMap<>(((JsonValue.JsonObject) node).members());
        if (last && value == null) {
            members.remove(parts[i]);
        } else {
            members.put(parts[i], last ? value : with(members.get(parts[i]), parts, i + 1, value));
        }
        return new JsonValue.JsonObject(members);
    }
}
