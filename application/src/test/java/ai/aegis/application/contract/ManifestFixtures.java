package ai.aegis.application.contract;

import ai.aegis.domain.registry.AgentManifest;
import ai.aegis.domain.registry.ManifestKind;
import ai.aegis.domain.registry.ManifestParser;
import ai.aegis.domain.registry.WorkflowManifest;

/** Manifests for the registry contract and service tests. */
public final class ManifestFixtures {

    /** An agent with every optional member set, including a nested JSON Schema and non-ASCII text. */
    public static final String FULL_AGENT = """
            {
              "format": "aegis/v1",
              "kind": "agent",
              "name": "csv-summariser",
              "version": "1.2.0",
              "description": "Summarises a CSV file into a short report — für alle.",
              "runtime": "python:3.12",
              "instructions": "Read the CSV in /workspace and print a JSON summary.\\nKeep it short.",
              "code": {"filename": "main.py", "source": "import json\\nprint(json.dumps({'rows': 0}))"},
              "tools": ["fs.*", "web.fetch"],
              "validation": {"exit_code": 0, "expected_output": "{\\"rows\\": 0}",
                             "json_schema": {"type": "object", "required": ["rows"], "properties": {"rows": {"type": "integer", "minimum": 0}}}},
              "max_iterations": 5,
              "security_context": "zaru-pro"
            }""";

    public static final String WORKFLOW = """
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

    private ManifestFixtures() {
    }

    /** A small valid agent document. */
    public static String agentDocument(String name, String version, String description) {
        return "{\"format\": \"aegis/v1\", \"kind\": \"agent\", \"name\": \"" + name + "\", \"version\": \"" + version
                + "\", \"description\": \"" + description + "\", \"runtime\": \"bash\", \"instructions\": \"Do it.\"}";
    }

    public static AgentManifest agent(String name, String version) {
        return agent(name, version, "Agent " + name + ".");
    }

    public static AgentManifest agent(String name, String version, String description) {
        return (AgentManifest) ManifestParser.parse(ManifestKind.AGENT, agentDocument(name, version, description)).orThrow();
    }

    public static AgentManifest fullAgent() {
        return (AgentManifest) ManifestParser.parse(ManifestKind.AGENT, FULL_AGENT).orThrow();
    }

    public static WorkflowManifest workflow() {
        return (WorkflowManifest) ManifestParser.parse(ManifestKind.WORKFLOW, WORKFLOW).orThrow();
    }

    /** A one-state workflow named {@code name}. */
    public static WorkflowManifest workflow(String name, String version) {
        return (WorkflowManifest) ManifestParser.parse(ManifestKind.WORKFLOW, "{\"format\": \"aegis/v1\", \"kind\": "
                + "\"workflow\", \"name\": \"" + name + "\", \"version\": \"" + version + "\", \"description\": "
                + "\"Workflow " + name + ".\", \"initial_state\": \"done\", \"states\": {\"done\": {\"type\": \"end\", "
                + "\"outcome\": \"succeeded\"}}}").orThrow();
    }
}
