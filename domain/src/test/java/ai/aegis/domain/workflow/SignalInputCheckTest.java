package ai.aegis.domain.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.domain.registry.FieldError;
import ai.aegis.domain.seal.CanonicalJson;
import ai.aegis.domain.seal.JsonValue;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SignalInputCheckTest {

    private static final JsonValue.JsonObject SCHEMA = (JsonValue.JsonObject) CanonicalJson.parse("""
            {"type": "object", "required": ["approved", "reviewer"], "additionalProperties": false,
             "properties": {
               "approved": {"type": "boolean"},
               "reviewer": {"type": "string", "minLength": 2, "maxLength": 20},
               "score": {"type": "integer", "minimum": 0, "maximum": 10},
               "level": {"enum": ["low", "high"]},
               "tags": {"type": "array", "items": {"type": "string"}}}}""");

    private static List<String> problems(String data) {
        return SignalInputCheck.problems(SCHEMA, CanonicalJson.parse(data)).stream().map(FieldError::toString).toList();
    }

    @Test
    void problems_validData_none() {
        assertThat(problems("{\"approved\": true, \"reviewer\": \"ann\", \"score\": 7, \"level\": \"high\", "
                + "\"tags\": [\"a\"]}")).isEmpty();
    }

    @Test
    void problems_everyKindOfMistake_eachReportedAtItsPointer() {
        assertThat(problems("{\"approved\": \"yes\", \"score\": 7.5, \"level\": \"mid\", \"tags\": [1], \"extra\": 1}"))
                .containsExactlyInAnyOrder(
                        "/reviewer: is required",
                        "/approved: must be a boolean",
                        "/score: must be an integer",
                        "/level: must be one of [\"low\",\"high\"]",
                        "/tags/0: must be a string",
                        "/extra: is not expected here");
    }

    @Test
    void problems_boundsOfStringsAndNumbers_reported() {
        assertThat(problems("{\"approved\": true, \"reviewer\": \"a\", \"score\": 11}"))
                .containsExactlyInAnyOrder("/reviewer: must hold at least 2 characters", "/score: must be at most 10.0");
    }

    @Test
    void problems_dataNotAnObject_reportedAtTheDocument() {
        assertThat(SignalInputCheck.problems(SCHEMA, CanonicalJson.parse("[]")))
                .extracting(FieldError::toString).containsExactly("(document): must be an object");
    }

    @Property
    void problems_schemaWithoutConstraints_acceptsAnyString(@ForAll String text) {
        JsonValue.JsonObject open = (JsonValue.JsonObject) CanonicalJson.parse("{\"description\": \"anything\"}");
        assertThat(SignalInputCheck.problems(open, new JsonValue.JsonString(text.replaceAll("[\\uD800-\\uDFFF]", ""))))
                .isEmpty();
    }
}
