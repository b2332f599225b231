package ai.aegis.adapters.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a language model reads about each AEGIS tool: a title, a description saying when to use
 * it, and the JSON schema of its arguments. One row per tool a person may reach over MCP (the
 * agent runtime's {@code fs.*} and {@code cmd.run} are not offered over MCP). Who may call each
 * tool is not decided here but in the domain's {@code ToolCatalog}.
 */
final class ToolDefinitions {

    /** One tool's text and input schema. */
    record Definition(String title, String description, Map<String, Object> properties, List<String> required) {
    }

    private static final Map<String, Definition> DEFINITIONS = new LinkedHashMap<>();

    private static final Map<String, Object> EXECUTION_ID = text("The execution id, as returned by the tool that started it");
    private static final Map<String, Object> AGENT = text("The agent's name");
    private static final Map<String, Object> WORKFLOW = text("The workflow's name");
    private static final Map<String, Object> QUERY = text("Words to look for in names and descriptions");
    private static final Map<String, Object> LIMIT = integer("How many entries at most (default 50)", 1, 500);
    private static final Map<String, Object> VERSION = text("A specific version (platform operators only)");
    private static final Map<String, Object> FORCE = bool("Skip safety checks (platform operators only)");
    private static final Map<String, Object> WAIT_SECONDS = integer(
            "How long to wait before answering with the current status (default and maximum 100 seconds)", 1, 100);
    private static final Map<String, Object> MANIFEST = Map.of("type", "object",
            "description", "The manifest, as described by aegis.schema.get");
    private static final Map<String, Object> INTENT = text("What you want, in plain words");

    static {
        def("web.search", "Search the web", "Searches the web and returns result titles, links and snippets.",
                props("query", text("What to search for"), "limit", integer("How many results (default 10)", 1, 50)), "query");
        def("web.fetch", "Fetch a web page", "Fetches a URL and returns its readable text (HTML turned into Markdown), "
                + "within size and time limits; private and internal addresses are refused.",
                props("url", text("The http or https URL to fetch")), "url");
        def("aegis.schema.get", "Get a manifest schema", "Returns the JSON Schema of an agent or workflow manifest, so you "
                + "can write or check one.", props("kind", enumOf("Which manifest", "agent", "workflow")), "kind");
        def("aegis.schema.validate", "Validate a manifest", "Checks an agent or workflow manifest against its schema and "
                + "lists each error with the field it concerns.",
                props("kind", enumOf("Which manifest", "agent", "workflow"), "manifest", MANIFEST), "kind", "manifest");
        def("aegis.agent.list", "List agents", "Lists the agents available to you, with their descriptions.",
                props("limit", LIMIT));
        def("aegis.agent.search", "Search agents", "Finds agents whose name or description matches your words.",
                props("query", QUERY, "limit", LIMIT), "query");
        def("aegis.agent.export", "Export an agent", "Returns an agent's manifest.",
                props("name", AGENT, "version", VERSION), "name");
        def("aegis.agent.generate", "Create an agent from a description", "Writes, validates and deploys a new agent "
                + "into your own account from a plain-language description, reporting each attempt.",
                props("intent", INTENT, "name", text("A name for the new agent (optional)")), "intent");
        def("aegis.agent.logs", "Agent run log", "Shows the plain-English steps of an agent's run (the execution "
                + "aegis.task.execute started with that agent), including those of the helper agents it started.",
                props("execution_id", EXECUTION_ID), "execution_id");
        def("aegis.agent.wait", "Wait for an agent run", "Waits up to about 100 seconds for an agent's run to finish, "
                + "sending each attempt as a progress message; call again to keep waiting.",
                props("execution_id", EXECUTION_ID, "timeout_seconds", WAIT_SECONDS), "execution_id");
        def("aegis.agent.create", "Deploy an agent manifest", "Deploys a new agent from a manifest (operators).",
                props("manifest", MANIFEST), "manifest");
        def("aegis.agent.update", "Update an agent", "Deploys a new version of an agent from a manifest (operators).",
                props("name", AGENT, "manifest", MANIFEST), "name", "manifest");
        def("aegis.agent.delete", "Delete an agent", "Deletes an agent and its versions (operators).",
                props("name", AGENT, "force", FORCE), "name");
        def("aegis.workflow.list", "List workflows", "Lists the workflows available to you, with their descriptions.",
                props("limit", LIMIT));
        def("aegis.workflow.search", "Search workflows", "Finds workflows whose name or description matches your words.",
                props("query", QUERY, "limit", LIMIT), "query");
        def("aegis.workflow.export", "Export a workflow", "Returns a workflow's manifest.",
                props("name", WORKFLOW, "version", VERSION), "name");
        def("aegis.workflow.run", "Run a workflow", "Starts a run of a workflow with the given inputs.",
                props("name", WORKFLOW, "inputs", Map.of("type", "object", "description", "The workflow's inputs"),
                        "version", VERSION), "name");
        def("aegis.workflow.generate", "Create a workflow from a description", "Writes, validates and deploys a new "
                + "workflow into your own account from a plain-language description, reporting each attempt.",
                props("intent", INTENT, "name", text("A name for the new workflow (optional)")), "intent");
        def("aegis.workflow.logs", "Workflow run log", "Shows the plain-English steps of a workflow run.",
                props("execution_id", EXECUTION_ID), "execution_id");
        def("aegis.workflow.cancel", "Cancel a workflow run", "Cancels a workflow run and everything it started.",
                props("execution_id", EXECUTION_ID, "force", FORCE), "execution_id");
        def("aegis.workflow.wait", "Wait for a workflow run", "Waits for a workflow run to finish and reports progress.",
                props("execution_id", EXECUTION_ID, "timeout_seconds", WAIT_SECONDS), "execution_id");
        def("aegis.workflow.signal", "Answer a waiting workflow", "Resumes a workflow run that waits for your input, "
                + "with the data it asked for.", props("execution_id", EXECUTION_ID, "state", text("The state waiting for input"),
                "data", Map.of("type", "object", "description", "The data the workflow asked for")), "execution_id", "data");
        def("aegis.workflow.create", "Deploy a workflow manifest", "Deploys a new workflow from a manifest (operators).",
                props("manifest", MANIFEST), "manifest");
        def("aegis.workflow.update", "Update a workflow", "Deploys a new version of a workflow (operators).",
                props("name", WORKFLOW, "manifest", MANIFEST), "name", "manifest");
        def("aegis.workflow.delete", "Delete a workflow", "Deletes a workflow and its versions (operators).",
                props("name", WORKFLOW, "force", FORCE), "name");
        def("aegis.task.execute", "Start a task", "Starts the agent task of this conversation (one at a time per "
                + "conversation) and returns its execution id at once; follow it with aegis.task.wait or aegis.task.status.",
                props("task", text("What the agent should do, in plain words"), "agent", AGENT, "version", VERSION,
                        "code", text("Code to run as is (the agent refines it when it fails and a language model is configured)"),
                        "runtime", text("What runs the code: python, bash, sh or node (required with code)"),
                        "expected_output", text("What a correct run prints; the task passes only when the output matches")),
                "task");
        def("aegis.task.status", "Task status", "Shows an execution's status, attempts so far and deadline.",
                props("execution_id", EXECUTION_ID), "execution_id");
        def("aegis.task.list", "List my tasks", "Lists your tasks, newest first: those of this conversation when it "
                + "has a name, otherwise all of yours.",
                props("status", enumOf("Only tasks in this state", "pending", "running", "completed", "failed",
                        "cancelled", "timed_out", "active"), "limit", LIMIT));
        def("aegis.task.wait", "Wait for a task", "Waits until a task finishes or about 100 seconds pass, sending each "
                + "attempt as a progress message; if it is still running, call again to keep waiting.",
                props("execution_id", EXECUTION_ID, "timeout_seconds", WAIT_SECONDS), "execution_id");
        def("aegis.task.cancel", "Cancel a task", "Cancels a task and every helper agent it started. Without an "
                + "execution id, cancels the running task of this conversation.",
                props("execution_id", EXECUTION_ID, "force", FORCE));
        def("aegis.task.logs", "Task log", "Shows the plain-English steps of a task (attempts, fixes, results), "
                + "including those of the helper agents it started.",
                props("execution_id", EXECUTION_ID, "include_children", bool("Include helper agents' steps (default true)")),
                "execution_id");
        def("aegis.task.remove", "Remove a task record", "Removes a finished task tree (named by its root) and its "
                + "iteration history from its tenant; refused while any part still runs (operators).",
                props("execution_id", EXECUTION_ID), "execution_id");
        def("aegis.execute.intent", "Run a computation", "Describe a computation (optionally with typed inputs, or "
                + "supply the code yourself); it runs in a sandbox and the result comes back here.",
                props("intent", INTENT, "inputs", Map.of("type", "object", "description", "Named inputs the program reads "
                        + "as one JSON object on standard input: {\"name\": value} or, to declare the type, {\"name\": "
                        + "{\"type\": \"integer\", \"value\": 3}} (types: string, number, integer, boolean, array, object)"),
                        "code", text("Code to run as is, instead of generating it"),
                        "language", text("The language of the code, e.g. python")), "intent");
        def("aegis.execute.status", "Computation status", "Shows the status and result of a computation.",
                props("execution_id", EXECUTION_ID), "execution_id");
        def("aegis.tools.list", "List my AEGIS tools", "Lists the AEGIS tools you may call here (your plan or operator "
                + "role, narrowed by this conversation's mode), each with its family and whether it only reads or also "
                + "changes or deletes something. Optionally narrowed to one family such as task, agent, workflow, volume or web.",
                props("family", text("Only tools of this family, e.g. task, agent, workflow, volume, web")));
        def("aegis.tools.search", "Search AEGIS tools", "Finds AEGIS tools by words in their name or description, "
                + "including ones you cannot call here, each with whether you can and, if not, why.",
                props("query", QUERY), "query");
        def("aegis.runtime.list", "List runtimes", "Lists the runtimes agents can run in (languages and versions).", props());
        def("aegis.volume.create", "Create a volume", "Creates a persistent storage volume for your agents' files.",
                props("name", text("A name for the volume: letters, digits, '.', '_', '-'")), "name");
        def("aegis.volume.list", "List volumes", "Lists your storage volumes and their sizes.", props());
        def("aegis.volume.delete", "Delete a volume", "Deletes a storage volume and every file on it.",
                props("name", text("The volume's name")), "name");
        def("aegis.volume.quota", "Storage quota", "Shows how much storage you use and how much your plan allows.", props());
        def("aegis.volume.list_all", "List a tenant's volumes", "Lists the volumes of any tenant (operators).",
                props("tenant", text("The tenant whose volumes to list")), "tenant");
        def("aegis.volume.purge", "Purge a volume", "Deletes a volume of any tenant (operators).",
                props("tenant", text("The tenant"), "name", text("The volume's name")), "tenant", "name");
        def("aegis.audit.list", "My audit log", "Lists the newest entries of your own audit log: what was done or "
                + "refused on your account, by whom, why and when. Available on the Business and Enterprise plans.",
                props("limit", LIMIT));
        def("aegis.system.info", "System information", "Shows the service's version, uptime and registered nodes "
                + "(operators).", props());
        def("aegis.system.config", "Daemon configuration", "Reads the daemon's settings (secrets are never shown) or "
                + "changes one that may change while it runs, such as log.level (administrators).",
                props("key", text("The setting, or * for all"), "value", text("The new value; omit to read")), "key");
        def("aegis.user.list", "List users", "Lists the users an administrator configured, with their tier override, "
                + "BYOK flag and suspension, a page at a time (operators).", props("tenant",
                text("Only users of this tenant"), "after", text("The 'next' of the previous page"), "limit", LIMIT));
        def("aegis.user.get", "Show a user", "Shows one user's tier override, BYOK flag, whether their own model key is "
                + "stored (its fingerprint, never the key), limit overrides, effective limits and suspension (operators).", props("tenant", text("The user's tenant, e.g. u-{uuid}"),
                "user_id", text("The user's id (the token's sub)")), "tenant", "user_id");
        def("aegis.user.update", "Change a user", "Changes a user's tier override, BYOK flag and own model key, limit "
                + "overrides or suspension (administrators).", props("tenant", text("The user's tenant, e.g. u-{uuid}"),
                "user_id", text("The user's id (the token's sub)"),
                "changes", Map.of("type", "object", "description", "Any of: tier (free|pro|business|enterprise, or "
                        + "null to remove the override), byok (true/false), model_key (the user's own model API key, used "
                        + "while byok is true; stored encrypted, never shown; null removes it), suspended (true/false), limits (the "
                        + "user's complete limit overrides; {} clears them)")), "tenant", "user_id", "changes");
        def("aegis.tenant.list", "List tenants", "Lists tenants with their plan, suspension and limits, a page at a "
                + "time (operators).", props("after", text("The 'next' of the previous page"), "limit", LIMIT));
        def("aegis.tenant.get", "Show a tenant", "Shows one tenant's plan, suspension, limit overrides and effective "
                + "limits (operators).", props("tenant", text("The tenant id")), "tenant");
        def("aegis.tenant.update", "Change a tenant", "Suspends a tenant or lifts its suspension, or replaces its "
                + "limit overrides (administrators).", props("tenant", text("The tenant id"), "changes", Map.of("type",
                "object", "description", "Any of: suspended (true/false), limits (the tenant's complete limit "
                        + "overrides; {} clears them)")), "tenant", "changes");
    }

    private ToolDefinitions() {
    }

    static Optional<Definition> find(String name) {
        return Optional.ofNullable(DEFINITIONS.get(name));
    }

    static List<String> names() {
        return List.copyOf(DEFINITIONS.keySet());
    }

    private static void def(String name, String title, String description, Map<String, Object> properties,
                            String... required) {
        DEFINITIONS.put(name, new Definition(title, description, properties, List.of(required)));
    }

    private static Map<String, Object> props(Object... pairs) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.put((String) pairs[i], pairs[i + 1]);
        }
        return properties;
    }

    private static Map<String, Object> text(String description) {
        return Map.of("type", "string", "description", description);
    }

    private static Map<String, Object> integer(String description, int min, int max) {
        return Map.of("type", "integer", "description", description, "minimum", min, "maximum", max);
    }

    private static Map<String, Object> bool(String description) {
        return Map.of("type", "boolean", "description", description);
    }

    private static Map<String, Object> enumOf(String description, String... values) {
        return Map.of("type", "string", "description", description, "enum", List.of(values));
    }
}
