package ai.aegis.domain.registry;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.execution.TaskSpec;
import ai.aegis.domain.seal.JsonValue;
import ai.aegis.domain.security.SecurityContextName;
import ai.aegis.domain.security.ToolPattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * An agent: what it is for ({@code description}), what it runs on ({@code runtime}, such as
 * {@code python:3.12}), what it is told ({@code instructions}), optional starting code, the tools it
 * wants (tool patterns; what it actually gets is still decided by the execution's security context),
 * how a result is judged ({@link Validation}), an optional cap on its iterations (never above the
 * tier's cap, which wins at run time) and an optional security context it asks to run under.
 *
 * <p>Invariants: every member valid on its own (see the parser's messages), tool patterns unique.
 */
public record AgentManifest(
        ManifestName name,
        ManifestVersion version,
        String description,
        String runtime,
        String instructions,
        Optional<Code> code,
        List<ToolPattern> tools,
        Optional<Validation> validation,
        OptionalInt maxIterations,
        Optional<SecurityContextName> securityContext) implements Manifest {

    public static final int MAX_TOOLS = 64;
    public static final int MAX_ITERATIONS = 100;
    public static final int RUNTIME_MAX = 80;
    static final String RUNTIME_REGEX = "[a-z][a-z0-9._-]*(:[A-Za-z0-9._-]+)?";
    private static final Pattern RUNTIME = Pattern.compile(RUNTIME_REGEX);

    public AgentManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        ManifestText.require(description, ManifestText.DESCRIPTION_MAX, "the description");
        runtimeProblem(runtime).ifPresent(p -> {
            throw new InvalidInputException("manifest.invalid", "the runtime " + p);
        });
        ManifestText.require(instructions, ManifestText.INSTRUCTIONS_MAX, "the instructions");
        Objects.requireNonNull(code, "code");
        tools = List.copyOf(tools);
        if (tools.size() > MAX_TOOLS) {
            throw new InvalidInputException("manifest.invalid", "an agent may list at most " + MAX_TOOLS + " tools");
        }
        if (new HashSet<>(tools).size() != tools.size()) {
            throw new InvalidInputException("manifest.invalid", "each tool may be listed only once");
        }
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(maxIterations, "maxIterations");
        maxIterations.ifPresent(n -> {
            if (n < 1 || n > MAX_ITERATIONS) {
                throw new InvalidInputException("manifest.invalid", "max iterations must be between 1 and " + MAX_ITERATIONS);
            }
        });
        Objects.requireNonNull(securityContext, "securityContext");
    }

    /**
     * The task of running this agent on {@code request}: its instructions followed by the request,
     * the given code and runtime when present (else its own code, and its runtime without a version
     * tag: {@code python:3.12} runs as {@code python}), its exit code and expected output as the check
     * (a given expected output wins), and {@code input} for the program's standard input.
     */
    public TaskSpec task(String request, Optional<String> givenCode, Optional<String> givenRuntime,
            Optional<String> givenExpectedOutput, Optional<String> input) {
        Objects.requireNonNull(request, "request");
        String untagged = runtime.contains(":") ? runtime.substring(0, runtime.indexOf(':')) : runtime;
        Optional<Integer> exitCode = validation.flatMap(check -> check.exitCode().isPresent()
                ? Optional.of(check.exitCode().getAsInt()) : Optional.empty());
        return new TaskSpec(instructions + "\n\n" + request,
                givenCode.isPresent() ? givenCode : code.map(Code::source),
                Optional.of(givenRuntime.orElse(untagged)),
                givenExpectedOutput.isPresent() ? givenExpectedOutput : validation.flatMap(Validation::expectedOutput),
                exitCode, Optional.of(name.value()), input);
    }

    /** What is wrong with a runtime name, in words that follow "the runtime", or empty. */
    static Optional<String> runtimeProblem(String runtime) {
        if (runtime == null || runtime.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (runtime.length() > RUNTIME_MAX || !RUNTIME.matcher(runtime).matches()) {
            return Optional.of("must be a runtime name with an optional tag, such as python:3.12 or bash "
                    + "(at most " + RUNTIME_MAX + " characters)");
        }
        return Optional.empty();
    }

    @Override
    public ManifestKind kind() {
        return ManifestKind.AGENT;
    }

    @Override
    public AgentManifest withVersion(ManifestVersion newVersion) {
        return new AgentManifest(name, newVersion, description, runtime, instructions, code, tools, validation,
                maxIterations, securityContext);
    }

    /** Starting code the agent is given: a file name (no directories) and its source text. */
    public record Code(String filename, String source) {

        public static final int FILENAME_MAX = 100;
        static final String FILENAME_REGEX = "[A-Za-z0-9_][A-Za-z0-9._-]*";
        private static final Pattern FILENAME = Pattern.compile(FILENAME_REGEX);

        public Code {
            filenameProblem(filename).ifPresent(p -> {
                throw new InvalidInputException("manifest.invalid", "the code file name " + p);
            });
            ManifestText.require(source, ManifestText.SOURCE_MAX, "the code source");
        }

        static Optional<String> filenameProblem(String filename) {
            if (filename == null || filename.isEmpty() || filename.length() > FILENAME_MAX
                    || !FILENAME.matcher(filename).matches()) {
                return Optional.of("must be a plain file name such as main.py (letters, digits, dots, "
                        + "hyphens, underscores; no directories; at most " + FILENAME_MAX + " characters)");
            }
            return Optional.empty();
        }
    }

    /**
     * How an attempt is judged successful: the exit code it must end with, the output it must
     * produce (exactly, after trimming trailing whitespace), and/or a JSON Schema its output must
     * satisfy. At least one is given; all given must hold.
     */
    public record Validation(OptionalInt exitCode, Optional<String> expectedOutput,
            Optional<JsonValue.JsonObject> jsonSchema) {

        public static final int MAX_EXIT_CODE = 255;

        public Validation {
            Objects.requireNonNull(exitCode, "exitCode");
            Objects.requireNonNull(expectedOutput, "expectedOutput");
            Objects.requireNonNull(jsonSchema, "jsonSchema");
            if (exitCode.isEmpty() && expectedOutput.isEmpty() && jsonSchema.isEmpty()) {
                throw new InvalidInputException("manifest.invalid",
                        "validation needs at least one of exit_code, expected_output, json_schema");
            }
            exitCode.ifPresent(c -> {
                if (c < 0 || c > MAX_EXIT_CODE) {
                    throw new InvalidInputException("manifest.invalid", "the exit code must be between 0 and " + MAX_EXIT_CODE);
                }
            });
            expectedOutput.ifPresent(o -> ManifestText.require(o, ManifestText.EXPECTED_OUTPUT_MAX, "the expected output"));
        }

        JsonValue.JsonObject toJson() {
            Map<String, JsonValue> m = new LinkedHashMap<>();
            exitCode.ifPresent(c -> m.put("exit_code", JsonValue.number(c)));
            expectedOutput.ifPresent(o -> m.put("expected_output", JsonValue.string(o)));
            jsonSchema.ifPresent(s -> m.put("json_schema", s));
            return new JsonValue.JsonObject(m);
        }
    }

    @Override
    public JsonValue.JsonObject toJson() {
        Map<String, JsonValue> m = new LinkedHashMap<>();
        m.put("format", JsonValue.string(FORMAT));
        m.put("kind", JsonValue.string(kind().slug()));
        m.put("name", JsonValue.string(name.value()));
        m.put("version", JsonValue.string(version.toString()));
        m.put("description", JsonValue.string(description));
        m.put("runtime", JsonValue.string(runtime));
        m.put("instructions", JsonValue.string(instructions));
        code.ifPresent(c -> {
            Map<String, JsonValue> cm = new LinkedHashMap<>();
            cm.put("filename", JsonValue.string(c.filename()));
            cm.put("source", JsonValue.string(c.source()));
            m.put("code", new JsonValue.JsonObject(cm));
        });
        List<JsonValue> toolList = new ArrayList<>();
        for (ToolPattern tool : tools) {
            toolList.add(JsonValue.string(tool.value()));
        }
        m.put("tools", new JsonValue.JsonArray(toolList));
        validation.ifPresent(v -> m.put("validation", v.toJson()));
        maxIterations.ifPresent(n -> m.put("max_iterations", JsonValue.number(n)));
        securityContext.ifPresent(c -> m.put("security_context", JsonValue.string(c.value())));
        return new JsonValue.JsonObject(m);
    }
}
