package ai.aegis.domain.registry;

import ai.aegis.domain.error.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of reading a manifest document: the manifest when the document is valid, otherwise
 * every problem found, each pointing at its field. Invariant: exactly one of the two is there.
 */
public record ManifestValidation(Optional<Manifest> manifest, List<FieldError> errors) {

    /** How many problems {@link #orThrow()} names in its message before saying how many more there are. */
    static final int MESSAGE_ERRORS = 10;

    public ManifestValidation {
        Objects.requireNonNull(manifest, "manifest");
        errors = List.copyOf(errors);
        if (manifest.isPresent() == !errors.isEmpty()) {
            throw new IllegalArgumentException("a validation holds a manifest or errors, never both or neither");
        }
    }

    public static ManifestValidation valid(Manifest manifest) {
        return new ManifestValidation(Optional.of(manifest), List.of());
    }

    public static ManifestValidation invalid(List<FieldError> errors) {
        return new ManifestValidation(Optional.empty(), errors);
    }

    public boolean isValid() {
        return manifest.isPresent();
    }

    /**
     * The manifest, or a refusal listing the problems ({@code /path: message; …}).
     *
     * @throws InvalidInputException code {@code manifest.invalid}
     */
    public Manifest orThrow() {
        if (manifest.isPresent()) {
            return manifest.get();
        }
        StringBuilder message = new StringBuilder("the manifest is not valid: ");
        for (int i = 0; i < errors.size() && i < MESSAGE_ERRORS; i++) {
            if (i > 0) {
                message.append("; ");
            }
            message.append(errors.get(i));
        }
        if (errors.size() > MESSAGE_ERRORS) {
            message.append("; and ").append(errors.size() - MESSAGE_ERRORS).append(" more");
        }
        throw new InvalidInputException("manifest.invalid", message.toString());
    }
}
