package ai.aegis.domain.registry;

import ai.aegis.domain.seal.CanonicalJson;
import ai.aegis.domain.seal.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Example manifest documents and a way to change one member of a document by its JSON Pointer. */
final class ManifestDocuments {

    static final String AGENT = """
            {
              "format": "aegis/v1",
              "kind": "agent",
              "name": "csv-summariser",
              "version": "1.2.0",
              "description": "Summarises a CSV file into a short report.",
              "runtime": "python:3.12",
              "instructions": "Read the CSV in /workspace and print a JSON summary.",
              "code": {"filename": "main.py", "source": "print('{}')"},
              "tools": ["fs.*", "web.fetch"],
              "validation": {"exit_code": 0, "expected_output": "{}", "json_schema": {"type": "object"}},
              "max_iterations": 5,
              "security_context": "zaru-pro"
            }""";

    static final String MINIMAL_AGENT = """
            {"format": "aegis/v1", "kind": "agent", "name": "echo", "version": "0.1.0",
             "description": "Echoes its input.", "runtime": "bash", "instructions": "Echo the input."}""";

    static final String WORKFLOW = """
            {
              "format": "aegis/v1",
              "kind": "workflow",
              "name": "review-and-publish",
              "version": "2.0.0",
              "description": "Drafts a post, waits for approval, publishes it.",
              "initial_state": "draft",
              "states": {
                "draft": {"type": "agent", "agent": "writer", "agent_version": "1.0.0", "input": "Write a post.",
                          "transitions": {"completed": "review", "failed": "failed"}},
                "review": {"type": "human_input", "prompt": "Approve the draft?",
                           "input_schema": {"type": "object", "properties": {"approved": {"type": "boolean"}}},
                           "timeout_seconds": 86400,
                           "transitions": {"signal": "publish", "timeout": "failed"}},
                "publish": {"type": "agent", "agent": "publisher", "transitions": {"completed": "done"}},
                "done": {"type": "end", "outcome": "succeeded"},
                "failed": {"type": "end", "outcome": "failed"}
              }
            }""";

    private ManifestDocuments() {
    }

    static JsonValue.JsonObject object(String json) {
        return (JsonValue.JsonObject) CanonicalJson.parse(json);
    }

    /** {@code document} with the member at {@code pointer} replaced by {@code value}, or removed when it is null. */
    static JsonValue.JsonObject with(JsonValue.JsonObject document, String pointer, JsonValue value) {
        String[] parts = pointer.substring(1).split("/", -1);
        return (JsonValue.JsonObject) with(document, parts, 0, value);
    }

    private static JsonValue with(JsonValue node, String[] parts, int i, JsonValue value) {
        String key = parts[i].replace("~1", "/").replace("~0", "~");
        boolean last = i == parts.length - 1;
        if (node instanceof JsonValue.JsonArray array) {
            List<JsonValue> elements = new ArrayList<>(array.elements());
            int index = Integer.parseInt(key);
            if (last) {
                elements.set(index, value);
            } else {
                elements.set(index, with(elements.get(index), parts, i + 1, value));
            }
            return new JsonValue.JsonArray(elements);
        }
        Map<String, JsonValue> members = new LinkedHashMap<>(((JsonValue.JsonObject) node).members());
        if (last) {
            if (value == null) {
                members.remove(key);
            } else {
                members.put(key, value);
            }
        } else {
            members.put(key, with(members.get(key), parts, i + 1, value));
        }
        return new JsonValue.JsonObject(members);
    }
}
