package ai.aegis.domain.registry;

import ai.aegis.domain.error.InvalidInputException;
import java.util.Optional;

/** Length rules for the free-text members of manifests, shared by the records and the parser. */
final class ManifestText {

    static final int DESCRIPTION_MAX = 1_000;
    static final int INSTRUCTIONS_MAX = 20_000;
    static final int SOURCE_MAX = 200_000;
    static final int EXPECTED_OUTPUT_MAX = 10_000;
    static final int PROMPT_MAX = 5_000;
    static final int INPUT_MAX = 20_000;

    private ManifestText() {
    }

    /** What is wrong with a required text of at most {@code max} characters, or empty. */
    static Optional<String> problem(String value, int max) {
        if (value == null || value.isBlank()) {
            return Optional.of("must not be empty");
        }
        if (value.length() > max) {
            return Optional.of("must be at most " + max + " characters");
        }
        return Optional.empty();
    }

    static String require(String value, int max, String field) {
        Optional<String> problem = problem(value, max);
        if (problem.isPresent()) {
            throw new InvalidInputException("manifest.invalid", field + " " + problem.get());
        }
        return value;
    }
}
