package ai.aegis.bootstrap.node;

import ai.aegis.domain.error.InvalidInputException;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How an attempt is judged, as the agent manifest asks: the exit code it must end with (0 unless
 * said otherwise), optionally the exact standard output (compared without surrounding white space),
 * and optionally a JSON Schema (draft 2020-12 unless the schema names another) the standard output
 * must satisfy. Every given check must pass. Schemas are compiled when the check is built, and
 * never fetch {@code $ref}s from the network.
 */
public record OutputCheck(int expectedExitCode, Optional<String> expectedOutput, Optional<String> outputSchema) {

    private static final int FEEDBACK_TAIL = 2000;
    private static final int SHOWN_OUTPUT = 40;
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));

    /** Why an attempt did not pass: a short phrase for the person, and a fuller text for the model. */
    public record Failure(String plainReason, String modelFeedback) {

        public Failure {
            Objects.requireNonNull(plainReason, "plainReason");
            Objects.requireNonNull(modelFeedback, "modelFeedback");
        }
    }

    public OutputCheck {
        Objects.requireNonNull(expectedOutput, "expectedOutput");
        Objects.requireNonNull(outputSchema, "outputSchema");
        outputSchema.ifPresent(OutputCheck::compile);
    }

    /** Passes when the program exits with 0. */
    public static OutputCheck exitCodeZero() {
        return new OutputCheck(0, Optional.empty(), Optional.empty());
    }

    public OutputCheck withExpectedOutput(String output) {
        return new OutputCheck(expectedExitCode, Optional.of(output), outputSchema);
    }

    /** @throws InvalidInputException {@code validation.invalid_schema} when the text is not a JSON Schema */
    public OutputCheck withOutputSchema(String schema) {
        return new OutputCheck(expectedExitCode, expectedOutput, Optional.of(schema));
    }

    /** The checks in words, for the model's prompt. */
    public String describe() {
        StringBuilder text = new StringBuilder("the program must exit with code " + expectedExitCode);
        expectedOutput.ifPresent(output -> text.append(" and print exactly:\n").append(output.strip()).append('\n'));
        outputSchema.ifPresent(schema -> text.append(" and print one JSON document valid against this JSON Schema:\n")
                .append(schema.strip()).append('\n'));
        return text.toString();
    }

    /** The first check {@code result} fails, or empty when it passes them all. */
    public Optional<Failure> judge(SandboxResult result) {
        if (result.termination() == SandboxResult.Termination.TIME_LIMIT) {
            return fail("a program that ran longer than its time limit", "The program was stopped because it ran longer"
                    + " than its time limit.", result);
        }
        if (result.killedBySignal()) {
            int signal = result.exitCode() - 128;
            return fail("a program stopped by a resource limit or a crash", "The program was killed by signal " + signal
                    + " (the CPU-time or memory limit, or a crash).", result);
        }
        if (result.exitCode() != expectedExitCode) {
            return fail("exit code " + result.exitCode() + " (expected " + expectedExitCode + ")", "The program exited with"
                    + " code " + result.exitCode() + " instead of " + expectedExitCode + ".", result);
        }
        String stdout = result.stdout().strip();
        if (expectedOutput.isPresent() && !stdout.equals(expectedOutput.get().strip())) {
            return fail("the output (expected " + quote(expectedOutput.get().strip()) + ", got " + quote(stdout) + ")",
                    "The output was not the expected one. Expected exactly:\n" + expectedOutput.get().strip(), result);
        }
        if (outputSchema.isPresent()) {
            JsonNode document;
            try {
                document = JSON.readTree(stdout);
            } catch (JacksonException e) {
                return fail("output that is not valid JSON", "The output is not one valid JSON document.", result);
            }
            if (document == null || document.isMissingNode()) {
                return fail("output that is not valid JSON", "The output is empty, but a JSON document was expected.", result);
            }
            List<com.networknt.schema.Error> errors = compile(outputSchema.get()).validate(document);
            if (!errors.isEmpty()) {
                String list = errors.stream().limit(5).map(OutputCheck::describe).collect(Collectors.joining("; "));
                return fail("output that does not match the schema (" + describe(errors.get(0)) + ")",
                        "The JSON output does not match the schema: " + list, result);
            }
        }
        return Optional.empty();
    }

    /**
     * One schema error as "where: what". The place is written {@code items/0/name} (no leading slash
     * or dollar sign) so that the plain-text cleaning of iteration sentences keeps it.
     */
    private static String describe(com.networknt.schema.Error error) {
        String where = String.valueOf(error.getInstanceLocation()).replaceFirst("^\\$", "")
                .replaceAll("[.\\[\\]/]+", "/").replaceAll("^/|/$", "");
        return (where.isEmpty() ? "the document" : where) + ": " + error.getMessage();
    }

    private static Optional<Failure> fail(String plain, String what, SandboxResult result) {
        String feedback = what + "\nExit code: " + result.exitCode() + "\nStandard output (end):\n" + tail(result.stdout())
                + "\nStandard error (end):\n" + tail(result.stderr());
        return Optional.of(new Failure(plain, feedback));
    }

    private static String tail(String text) {
        return text.length() <= FEEDBACK_TAIL ? text : "…" + text.substring(text.length() - FEEDBACK_TAIL);
    }

    private static String quote(String text) {
        String shown = text.length() <= SHOWN_OUTPUT ? text : text.substring(0, SHOWN_OUTPUT) + "…";
        return "\"" + shown.replace('\n', ' ') + "\"";
    }

    private static Schema compile(String schema) {
        try {
            Schema compiled = SCHEMAS.getSchema(schema);
            compiled.initializeValidators();
            return compiled;
        } catch (SchemaException | JacksonException | IllegalArgumentException e) {
            throw new InvalidInputException("validation.invalid_schema",
                    "the output schema of the agent manifest is not a valid JSON Schema");
        }
    }
}
