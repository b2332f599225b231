package ai.aegis.domain.registry;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.security.SecurityContextName;
import ai.aegis.domain.security.ToolPattern;
import ai.aegis.domain.seal.CanonicalJson;
import ai.aegis.domain.seal.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads manifest documents (JSON, format {@value Manifest#FORMAT}) into {@link AgentManifest} and
 * {@link WorkflowManifest}. It never stops at the first problem: it reports every one it can find,
 * each with the JSON Pointer of its field and a plain message, so that a person (or the authoring
 * loop's language model) can fix them all in one go. Unknown members are problems too, because a
 * misspelt optional member would otherwise be silently ignored.
 */
public final class ManifestParser {

    /** The largest document accepted, in characters. */
    public static final int MAX_DOCUMENT_CHARS = 1_000_000;

    private static final Set<String> AGENT_MEMBERS = Set.of("format", "kind", "name", "version", "description",
            "runtime", "instructions", "code", "tools", "validation", "max_iterations", "security_context");
    private static final Set<String> WORKFLOW_MEMBERS = Set.of("format", "kind", "name", "version", "description",
            "initial_state", "states");

    private ManifestParser() {
    }

    /** Reads a document of either kind, telling them apart by its {@code kind} member. */
    public static ManifestValidation parse(String json) {
        return parse(Optional.empty(), json);
    }

    /** Reads a document that must be of {@code expected} kind. */
    public static ManifestValidation parse(ManifestKind expected, String json) {
        return parse(Optional.of(expected), json);
    }

    private static ManifestValidation parse(Optional<ManifestKind> expected, String json) {
        if (json == null || json.isBlank()) {
            return ManifestValidation.invalid(List.of(new FieldError("", "the manifest is empty; send a JSON object")));
        }
        if (json.length() > MAX_DOCUMENT_CHARS) {
            return ManifestValidation.invalid(List.of(new FieldError("",
                    "the manifest is longer than " + MAX_DOCUMENT_CHARS + " characters")));
        }
        JsonValue value;
        try {
            value = CanonicalJson.parse(json);
        } catch (InvalidInputException e) {
            return ManifestValidation.invalid(List.of(new FieldError("", "the manifest is not valid JSON ("
                    + e.getMessage() + ")")));
        }
        return parse(expected, value);
    }

    /** Reads an already parsed document that must be of {@code expected} kind. */
    public static ManifestValidation parse(ManifestKind expected, JsonValue document) {
        return parse(Optional.of(expected), document);
    }

    private static ManifestValidation parse(Optional<ManifestKind> expected, JsonValue document) {
        Errors errors = new Errors();
        if (!(document instanceof JsonValue.JsonObject object)) {
            errors.add("", "the manifest must be a JSON object");
            return ManifestValidation.invalid(errors.list);
        }
        Optional<ManifestKind> kind = readKind(object, expected, errors);
        if (kind.isEmpty()) {
            return ManifestValidation.invalid(errors.list);
        }
        Optional<? extends Manifest> manifest = kind.get() == ManifestKind.AGENT
                ? agent(object, errors) : workflow(object, errors);
        if (errors.list.isEmpty() && manifest.isPresent()) {
            return ManifestValidation.valid(manifest.get());
        }
        if (errors.list.isEmpty()) {
            throw new IllegalStateException("a manifest that failed to build has errors");
        }
        return ManifestValidation.invalid(errors.list);
    }

    private static Optional<ManifestKind> readKind(JsonValue.JsonObject object, Optional<ManifestKind> expected,
            Errors errors) {
        JsonValue kind = object.get("kind");
        String allowed = expected.map(k -> "\"" + k.slug() + "\"").orElse("\"agent\" or \"workflow\"");
        if (kind == null) {
            errors.add("/kind", "is required and must be " + allowed);
            return Optional.empty();
        }
        if (kind instanceof JsonValue.JsonString s) {
            for (ManifestKind k : ManifestKind.values()) {
                if (k.slug().equals(s.value())) {
                    if (expected.isPresent() && expected.get() != k) {
                        errors.add("/kind", "must be " + allowed + " here, but the document is a " + k.slug()
                                + " manifest");
                        return Optional.empty();
                    }
                    return Optional.of(k);
                }
            }
        }
        errors.add("/kind", "must be " + allowed);
        return Optional.empty();
    }

    private static void header(JsonValue.JsonObject o, Set<String> members, Errors errors) {
        for (String member : o.members().keySet()) {
            if (!members.contains(member)) {
                errors.add(FieldError.child("", member), "is not a field of this manifest; remove it or check its spelling");
            }
        }
        Optional<String> format = errors.requiredString(o, "", "format");
        if (format.isPresent() && !format.get().equals(Manifest.FORMAT)) {
            errors.add("/format", "must be \"" + Manifest.FORMAT + "\", the manifest format this service reads");
        }
    }

    private static Optional<ManifestName> name(JsonValue.JsonObject o, String parent, String member, boolean required,
            Errors errors) {
        Optional<String> text = required ? errors.requiredString(o, parent, member) : errors.optionalString(o, parent, member);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> problem = ManifestName.problem(text.get());
        if (problem.isPresent()) {
            errors.add(FieldError.child(parent, member), problem.get());
            return Optional.empty();
        }
        return Optional.of(ManifestName.of(text.get()));
    }

    private static Optional<ManifestVersion> version(JsonValue.JsonObject o, String parent, String member,
            boolean required, Errors errors) {
        Optional<String> text = required ? errors.requiredString(o, parent, member) : errors.optionalString(o, parent, member);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> problem = ManifestVersion.problem(text.get());
        if (problem.isPresent()) {
            errors.add(FieldError.child(parent, member), problem.get());
            return Optional.empty();
        }
        return Optional.of(ManifestVersion.parse(text.get()));
    }

    private static Optional<String> text(JsonValue.JsonObject o, String parent, String member, int max,
            boolean required, Errors errors) {
        Optional<String> text = required ? errors.requiredString(o, parent, member) : errors.optionalString(o, parent, member);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> problem = ManifestText.problem(text.get(), max);
        if (problem.isPresent()) {
            errors.add(FieldError.child(parent, member), problem.get());
            return Optional.empty();
        }
        return text;
    }

    // ---- agents

    private static Optional<AgentManifest> agent(JsonValue.JsonObject o, Errors errors) {
        int before = errors.list.size();
        header(o, AGENT_MEMBERS, errors);
        Optional<ManifestName> name = name(o, "", "name", true, errors);
        Optional<ManifestVersion> version = version(o, "", "version", true, errors);
        Optional<String> description = text(o, "", "description", ManifestText.DESCRIPTION_MAX, true, errors);
        Optional<String> runtime = errors.requiredString(o, "", "runtime");
        if (runtime.isPresent()) {
            Optional<String> problem = AgentManifest.runtimeProblem(runtime.get());
            if (problem.isPresent()) {
                errors.add("/runtime", problem.get());
                runtime = Optional.empty();
            }
        }
        Optional<String> instructions = text(o, "", "instructions", ManifestText.INSTRUCTIONS_MAX, true, errors);
        Optional<AgentManifest.Code> code = code(o, errors);
        List<ToolPattern> tools = tools(o, errors);
        Optional<AgentManifest.Validation> validation = validation(o, errors);
        OptionalInt maxIterations = OptionalInt.empty();
        Optional<Long> iterations = errors.optionalInteger(o, "", "max_iterations", 1, AgentManifest.MAX_ITERATIONS);
        if (iterations.isPresent()) {
            maxIterations = OptionalInt.of(iterations.get().intValue());
        }
        Optional<SecurityContextName> context = Optional.empty();
        Optional<String> contextText = errors.optionalString(o, "", "security_context");
        if (contextText.isPresent()) {
            try {
                context = Optional.of(SecurityContextName.of(contextText.get()));
            } catch (InvalidInputException e) {
                errors.add("/security_context", "must name a security context starting with zaru-, tenant-{slug}- "
                        + "or aegis-system-, in lower-case letters, digits and hyphens");
            }
        }
        if (errors.list.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new AgentManifest(name.orElseThrow(), version.orElseThrow(), description.orElseThrow(),
                runtime.orElseThrow(), instructions.orElseThrow(), code, tools, validation, maxIterations, context));
    }

    private static Optional<AgentManifest.Code> code(JsonValue.JsonObject o, Errors errors) {
        Optional<JsonValue.JsonObject> code = errors.optionalObject(o, "", "code");
        if (code.isEmpty()) {
            return Optional.empty();
        }
        int before = errors.list.size();
        errors.onlyMembers(code.get(), "/code", Set.of("filename", "source"));
        Optional<String> filename = errors.requiredString(code.get(), "/code", "filename");
        if (filename.isPresent()) {
            Optional<String> problem = AgentManifest.Code.filenameProblem(filename.get());
            if (problem.isPresent()) {
                errors.add("/code/filename", problem.get());
            }
        }
        Optional<String> source = text(code.get(), "/code", "source", ManifestText.SOURCE_MAX, true, errors);
        if (errors.list.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new AgentManifest.Code(filename.orElseThrow(), source.orElseThrow()));
    }

    private static List<ToolPattern> tools(JsonValue.JsonObject o, Errors errors) {
        List<ToolPattern> tools = new ArrayList<>();
        JsonValue value = o.get("tools");
        if (value == null) {
            return tools;
        }
        if (!(value instanceof JsonValue.JsonArray array)) {
            errors.add("/tools", "must be a list of tool patterns such as [\"fs.*\", \"web.fetch\"]");
            return tools;
        }
        if (array.elements().size() > AgentManifest.MAX_TOOLS) {
            errors.add("/tools", "may list at most " + AgentManifest.MAX_TOOLS + " tools");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < array.elements().size(); i++) {
            String pointer = FieldError.child("/tools", i);
            JsonValue element = array.elements().get(i);
            if (!(element instanceof JsonValue.JsonString s)) {
                errors.add(pointer, "must be a tool pattern string");
                continue;
            }
            if (!s.value().equals("*") && !ToolPattern.isToolName(s.value()) && !(s.value().endsWith(".*")
                    && ToolPattern.isToolName(s.value().substring(0, s.value().length() - 2)))) {
                errors.add(pointer, "must be *, prefix.* or an exact dotted tool name such as web.fetch");
                continue;
            }
            if (!seen.add(s.value())) {
                errors.add(pointer, "repeats the tool '" + s.value() + "'; list each tool once");
                continue;
            }
            tools.add(ToolPattern.of(s.value()));
        }
        return tools;
    }

    private static Optional<AgentManifest.Validation> validation(JsonValue.JsonObject o, Errors errors) {
        Optional<JsonValue.JsonObject> v = errors.optionalObject(o, "", "validation");
        if (v.isEmpty()) {
            return Optional.empty();
        }
        int before = errors.list.size();
        errors.onlyMembers(v.get(), "/validation", Set.of("exit_code", "expected_output", "json_schema"));
        Optional<Long> exit = errors.optionalInteger(v.get(), "/validation", "exit_code", 0,
                AgentManifest.Validation.MAX_EXIT_CODE);
        Optional<String> expected = text(v.get(), "/validation", "expected_output", ManifestText.EXPECTED_OUTPUT_MAX,
                false, errors);
        Optional<JsonValue.JsonObject> schema = errors.optionalObject(v.get(), "/validation", "json_schema");
        if (errors.list.size() != before) {
            return Optional.empty();
        }
        if (exit.isEmpty() && expected.isEmpty() && schema.isEmpty()) {
            errors.add("/validation", "needs at least one of exit_code, expected_output, json_schema");
            return Optional.empty();
        }
        return Optional.of(new AgentManifest.Validation(
                exit.isPresent() ? OptionalInt.of(exit.get().intValue()) : OptionalInt.empty(), expected, schema));
    }

    // ---- workflows

    private static Optional<WorkflowManifest> workflow(JsonValue.JsonObject o, Errors errors) {
        int before = errors.list.size();
        header(o, WORKFLOW_MEMBERS, errors);
        Optional<ManifestName> name = name(o, "", "name", true, errors);
        Optional<ManifestVersion> version = version(o, "", "version", true, errors);
        Optional<String> description = text(o, "", "description", ManifestText.DESCRIPTION_MAX, true, errors);
        Optional<String> initial = errors.requiredString(o, "", "initial_state");
        Optional<JsonValue.JsonObject> statesObject = errors.requiredObject(o, "", "states");
        Map<String, WorkflowState> states = new LinkedHashMap<>();
        boolean statesComplete = statesObject.isPresent();
        if (statesObject.isPresent()) {
            Map<String, JsonValue> members = statesObject.get().members();
            if (members.isEmpty() || members.size() > WorkflowManifest.MAX_STATES) {
                errors.add("/states", "must define between 1 and " + WorkflowManifest.MAX_STATES + " states");
                statesComplete = false;
            }
            for (Map.Entry<String, JsonValue> e : members.entrySet()) {
                String pointer = FieldError.child("/states", e.getKey());
                Optional<String> nameProblem = WorkflowManifest.stateNameProblem(e.getKey());
                if (nameProblem.isPresent()) {
                    errors.add(pointer, "is not a valid state name: it " + nameProblem.get());
                    statesComplete = false;
                    continue;
                }
                Optional<WorkflowState> state = state(e.getValue(), pointer, errors);
                if (state.isPresent()) {
                    states.put(e.getKey(), state.get());
                } else {
                    statesComplete = false;
                }
            }
        }
        if (statesComplete && initial.isPresent()) {
            for (FieldError problem : WorkflowManifest.graphProblems(initial.get(), states)) {
                errors.list.add(problem);
            }
        }
        if (errors.list.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new WorkflowManifest(name.orElseThrow(), version.orElseThrow(), description.orElseThrow(),
                initial.orElseThrow(), states));
    }

    private static Optional<WorkflowState> state(JsonValue value, String pointer, Errors errors) {
        if (!(value instanceof JsonValue.JsonObject o)) {
            errors.add(pointer, "must be an object with a type: agent, human_input or end");
            return Optional.empty();
        }
        Optional<String> type = errors.requiredString(o, pointer, "type");
        if (type.isEmpty()) {
            return Optional.empty();
        }
        switch (type.get()) {
            case "agent":
                return agentStep(o, pointer, errors).map(s -> s);
            case "human_input":
                return humanInput(o, pointer, errors).map(s -> s);
            case "end":
                return end(o, pointer, errors).map(s -> s);
            default:
                errors.add(FieldError.child(pointer, "type"), "must be one of: agent, human_input, end");
                return Optional.empty();
        }
    }

    private static Optional<WorkflowState.AgentStep> agentStep(JsonValue.JsonObject o, String pointer, Errors errors) {
        int before = errors.list.size();
        errors.onlyMembers(o, pointer, Set.of("type", "agent", "agent_version", "input", "transitions"));
        Optional<ManifestName> agent = name(o, pointer, "agent", true, errors);
        Optional<ManifestVersion> agentVersion = version(o, pointer, "agent_version", false, errors);
        Optional<String> input = text(o, pointer, "input", ManifestText.INPUT_MAX, false, errors);
        Map<String, String> transitions = transitions(o, pointer, "completed", Set.of("completed", "failed"), errors);
        if (errors.list.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new WorkflowState.AgentStep(agent.orElseThrow(), agentVersion, input,
                transitions.get("completed"), Optional.ofNullable(transitions.get("failed"))));
    }

    private static Optional<WorkflowState.HumanInput> humanInput(JsonValue.JsonObject o, String pointer, Errors errors) {
        int before = errors.list.size();
        errors.onlyMembers(o, pointer, Set.of("type", "prompt", "input_schema", "timeout_seconds", "transitions"));
        Optional<String> prompt = text(o, pointer, "prompt", ManifestText.PROMPT_MAX, true, errors);
        Optional<JsonValue.JsonObject> schema = errors.optionalObject(o, pointer, "input_schema");
        Optional<Long> timeout = errors.optionalInteger(o, pointer, "timeout_seconds", 1,
                WorkflowState.HumanInput.MAX_TIMEOUT_SECONDS);
        Map<String, String> transitions = transitions(o, pointer, "signal", Set.of("signal", "timeout"), errors);
        boolean timeoutGiven = o.get("timeout_seconds") != null;
        if (transitions.containsKey("timeout") && !timeoutGiven) {
            errors.add(FieldError.child(FieldError.child(pointer, "transitions"), "timeout"),
                    "needs timeout_seconds on the state; without a timeout the run waits for a signal");
        }
        if (timeoutGiven && transitions.containsKey("signal") && !transitions.containsKey("timeout")) {
            errors.add(FieldError.child(pointer, "transitions"),
                    "needs a timeout transition, because the state has timeout_seconds");
        }
        if (errors.list.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new WorkflowState.HumanInput(prompt.orElseThrow(), schema,
                timeout.isPresent() ? OptionalLong.of(timeout.get()) : OptionalLong.empty(),
                transitions.get("signal"), Optional.ofNullable(transitions.get("timeout"))));
    }

    private static Optional<WorkflowState.End> end(JsonValue.JsonObject o, String pointer, Errors errors) {
        int before = errors.list.size();
        errors.onlyMembers(o, pointer, Set.of("type", "outcome"));
        Optional<String> outcome = errors.requiredString(o, pointer, "outcome");
        Optional<WorkflowState.Outcome> parsed = outcome.flatMap(WorkflowState.Outcome::fromSlug);
        if (outcome.isPresent() && parsed.isEmpty()) {
            errors.add(FieldError.child(pointer, "outcome"), "must be succeeded or failed");
        }
        if (errors.list.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new WorkflowState.End(parsed.orElseThrow()));
    }

    private static Map<String, String> transitions(JsonValue.JsonObject o, String pointer, String required,
            Set<String> events, Errors errors) {
        Map<String, String> transitions = new LinkedHashMap<>();
        Optional<JsonValue.JsonObject> t = errors.requiredObject(o, pointer, "transitions");
        if (t.isEmpty()) {
            return transitions;
        }
        String tp = FieldError.child(pointer, "transitions");
        for (Map.Entry<String, JsonValue> e : t.get().members().entrySet()) {
            String ep = FieldError.child(tp, e.getKey());
            if (!events.contains(e.getKey())) {
                errors.add(ep, "is not an event of this state; the events are " + String.join(", ", sorted(events)));
                continue;
            }
            if (!(e.getValue() instanceof JsonValue.JsonString target)) {
                errors.add(ep, "must be the name of the state to move to");
                continue;
            }
            transitions.put(e.getKey(), target.value());
        }
        if (!t.get().members().containsKey(required)) {
            errors.add(FieldError.child(tp, required), "is required: name the state to move to on " + required);
        }
        return transitions;
    }

    private static List<String> sorted(Set<String> values) {
        List<String> list = new ArrayList<>(values);
        list.sort(null);
        return list;
    }

    /** The problems found so far, and typed reads of members that record a problem when the type is wrong. */
    private static final class Errors {
        final List<FieldError> list = new ArrayList<>();

        void add(String pointer, String message) {
            list.add(new FieldError(pointer, message));
        }

        void onlyMembers(JsonValue.JsonObject o, String pointer, Set<String> members) {
            for (String member : o.members().keySet()) {
                if (!members.contains(member)) {
                    add(FieldError.child(pointer, member), "is not a field here; remove it or check its spelling");
                }
            }
        }

        Optional<String> requiredString(JsonValue.JsonObject o, String parent, String member) {
            if (o.get(member) == null) {
                add(FieldError.child(parent, member), "is required");
                return Optional.empty();
            }
            return optionalString(o, parent, member);
        }

        Optional<String> optionalString(JsonValue.JsonObject o, String parent, String member) {
            JsonValue value = o.get(member);
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof JsonValue.JsonString s)) {
                add(FieldError.child(parent, member), "must be a string");
                return Optional.empty();
            }
            return Optional.of(s.value());
        }

        Optional<JsonValue.JsonObject> requiredObject(JsonValue.JsonObject o, String parent, String member) {
            if (o.get(member) == null) {
                add(FieldError.child(parent, member), "is required");
                return Optional.empty();
            }
            return optionalObject(o, parent, member);
        }

        Optional<JsonValue.JsonObject> optionalObject(JsonValue.JsonObject o, String parent, String member) {
            JsonValue value = o.get(member);
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof JsonValue.JsonObject object)) {
                add(FieldError.child(parent, member), "must be a JSON object");
                return Optional.empty();
            }
            return Optional.of(object);
        }

        Optional<Long> optionalInteger(JsonValue.JsonObject o, String parent, String member, long min, long max) {
            JsonValue value = o.get(member);
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof JsonValue.JsonNumber n) || n.value() != Math.rint(n.value())
                    || n.value() < min || n.value() > max) {
                add(FieldError.child(parent, member), "must be a whole number from " + min + " to " + max);
                return Optional.empty();
            }
            return Optional.of((long) n.value());
        }
    }
}
