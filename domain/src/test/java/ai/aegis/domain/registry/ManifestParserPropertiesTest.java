package ai.aegis.domain.registry;

import static ai.aegis.domain.registry.ManifestDocuments.object;
import static ai.aegis.domain.registry.ManifestDocuments.with;
import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.domain.seal.JsonValue;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever combination of fields is wrong, the parser reports exactly those fields: one error each,
 * at its own pointer, none elsewhere.
 */
class ManifestParserPropertiesTest {

    private static final List<String> AGENT_FIELDS = List.of("/format", "/name", "/version", "/description", "/runtime",
            "/instructions", "/code/filename", "/code/source", "/tools/0", "/validation/exit_code",
            "/validation/expected_output", "/validation/json_schema", "/max_iterations", "/security_context");

    private static final List<String> WORKFLOW_FIELDS = List.of("/format", "/name", "/version", "/description",
            "/states/draft/agent", "/states/draft/agent_version", "/states/draft/input", "/states/review/prompt",
            "/states/review/input_schema", "/states/review/timeout_seconds", "/states/done/outcome",
            "/states/publish/transitions/completed");

    @Provide
    Arbitrary<Set<String>> agentFields() {
        return Arbitraries.of(AGENT_FIELDS).set().ofMinSize(1);
    }

    @Provide
    Arbitrary<Set<String>> workflowFields() {
        return Arbitraries.of(WORKFLOW_FIELDS).set().ofMinSize(1);
    }

    @Property
    void parse_agentFieldsOfTheWrongType_exactlyThoseFieldsReported(@ForAll("agentFields") Set<String> broken) {
        JsonValue.JsonObject doc = object(ManifestDocuments.AGENT);
        for (String pointer : broken) {
            doc = with(doc, pointer, new JsonValue.JsonBoolean(true));
        }

        List<String> pointers = ManifestParser.parse(ManifestKind.AGENT, doc).errors().stream()
                .map(FieldError::pointer).collect(Collectors.toList());

        assertThat(pointers).containsExactlyInAnyOrderElementsOf(broken);
    }

    @Property
    void parse_workflowFieldsOfTheWrongType_exactlyThoseFieldsReported(@ForAll("workflowFields") Set<String> broken) {
        JsonValue.JsonObject doc = object(ManifestDocuments.WORKFLOW);
        for (String pointer : broken) {
            doc = with(doc, pointer, new JsonValue.JsonBoolean(true));
        }

        List<String> pointers = ManifestParser.parse(ManifestKind.WORKFLOW, doc).errors().stream()
                .map(FieldError::pointer).collect(Collectors.toList());

        assertThat(pointers).containsExactlyInAnyOrderElementsOf(broken);
    }
}
