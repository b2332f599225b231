package ai.aegis.domain.registry;

import ai.aegis.domain.error.InvalidInputException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name of an agent or workflow in a tenant's registry: lower-case words of letters and digits
 * joined by single hyphens, starting with a letter, at most {@value #MAX_LENGTH} characters
 * ({@code csv-summariser}). Names are unique per tenant and kind; versions hang under a name.
 */
public record ManifestName(String value) implements Comparable<ManifestName> {

    public static final int MAX_LENGTH = 63;
    static final String REGEX = "[a-z][a-z0-9]*(-[a-z0-9]+)*";
    private static final Pattern NAME = Pattern.compile(REGEX);

    public ManifestName {
        Optional<String> problem = problem(value);
        if (problem.isPresent()) {
            throw new InvalidInputException("manifest.name_invalid", "the name " + problem.get());
        }
    }

    public static ManifestName of(String value) {
        return new ManifestName(value);
    }

    /** What is wrong with {@code value} as a name, in words that follow "the name", or empty when it is valid. */
    public static Optional<String> problem(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        if (!NAME.matcher(value).matches()) {
            return Optional.of("must be lower-case letters and digits in words joined by single hyphens, "
                    + "starting with a letter (for example csv-summariser)");
        }
        return Optional.empty();
    }

    @Override
    public int compareTo(ManifestName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
