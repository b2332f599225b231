package ai.aegis.adapters.mcp;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.InputType;
import ai.aegis.domain.execution.TaskSpec;
import ai.aegis.domain.execution.TypedInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Execute mode: {@code aegis.execute.intent} describes a computation, optionally with typed inputs
 * and optionally with the code itself; it runs as the conversation's task on a node (the language
 * model writes the code when none is given) and the call waits for it, sending each iteration
 * sentence as progress, so the result — what the program printed and the files it left — comes back
 * in the tool result. Work that outlasts the wait is followed with {@code aegis.execute.status}.
 *
 * <p>Inputs: {@code {"name": value}} or, to declare the type, {@code {"name": {"type": "integer",
 * "value": 3}}}; a value that is not of its declared type is refused before anything starts. The
 * program reads all inputs as one JSON object on its standard input.
 */
final class ExecuteToolHandlers {

    /** The most inputs one computation takes. */
    static final int MAX_INPUTS = 50;

    private static final JsonMapper JSON = JsonMapper.shared();

    private final TaskToolHandlers tasks;

    ExecuteToolHandlers(TaskToolHandlers tasks) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
    }

    void registerIn(McpToolRegistry registry) {
        registry.handle("aegis.execute.intent", this::intent).handle("aegis.execute.status", tasks::status);
    }

    Map<String, Object> intent(ToolCall call) {
        String intent = call.text("intent");
        List<TypedInput> inputs = inputs(call.arguments().get("inputs"));
        Optional<String> code = call.optionalText("code");
        String language = call.optionalText("language").orElse("python");
        TaskSpec task = new TaskSpec(instructions(intent, inputs), code, Optional.of(language), Optional.empty(),
                Optional.empty(), Optional.empty(), inputs.isEmpty() ? Optional.empty() : Optional.of(json(inputs)));
        Execution started = tasks.startTask(call, task);
        Map<String, Object> result = tasks.await(call, started.id(), TaskToolHandlers.MAX_WAIT_SECONDS);
        if (Boolean.TRUE.equals(result.get("still_running"))) {
            result.put("next", "It is still running; check it with aegis.execute.status {\"execution_id\": \""
                    + started.id() + "\"}.");
        }
        return result;
    }

    /** The inputs of the call, each validated against its declared type (or taken as given). */
    static List<TypedInput> inputs(Object argument) {
        if (argument == null) {
            return List.of();
        }
        if (!(argument instanceof Map<?, ?> given)) {
            throw new InvalidInputException("execute.inputs_invalid", "inputs must be an object of named values");
        }
        if (given.size() > MAX_INPUTS) {
            throw new InvalidInputException("execute.inputs_too_many", "a computation takes at most " + MAX_INPUTS
                    + " inputs, not " + given.size());
        }
        List<TypedInput> inputs = new ArrayList<>();
        for (Map.Entry<?, ?> entry : given.entrySet()) {
            String name = String.valueOf(entry.getKey());
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> declared && declared.size() == 2 && declared.containsKey("type")
                    && declared.containsKey("value")) {
                inputs.add(new TypedInput(name, InputType.parse(String.valueOf(declared.get("type"))),
                        declared.get("value")));
            } else if (value == null) {
                throw new InvalidInputException("execute.input_missing", "input '" + name + "' has no value");
            } else {
                inputs.add(new TypedInput(name, inferred(value), value));
            }
        }
        return inputs;
    }

    private static InputType inferred(Object value) {
        for (InputType type : new InputType[] {InputType.STRING, InputType.BOOLEAN, InputType.INTEGER, InputType.NUMBER,
                InputType.ARRAY, InputType.OBJECT}) {
            if (type.accepts(value)) {
                return type;
            }
        }
        throw new InvalidInputException("execute.input_type_mismatch", "an input value is of no JSON type");
    }

    /** The intent, and how the program gets its inputs, for the model (and the task record). */
    static String instructions(String intent, List<TypedInput> inputs) {
        if (inputs.isEmpty()) {
            return intent + "\n\nPrint the result to standard output.";
        }
        StringBuilder text = new StringBuilder(intent)
                .append("\n\nThe program reads one JSON object from standard input with these fields: ");
        for (int i = 0; i < inputs.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(inputs.get(i).name()).append(" (").append(inputs.get(i).type().slug())
                    .append(')');
        }
        return text.append(". Print the result to standard output.").toString();
    }

    private static String json(List<TypedInput> inputs) {
        Map<String, Object> object = new LinkedHashMap<>();
        inputs.forEach(input -> object.put(input.name(), input.value()));
        return JSON.writeValueAsString(object);
    }
}
