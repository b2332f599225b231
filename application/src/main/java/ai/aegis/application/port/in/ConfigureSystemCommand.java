package ai.aegis.application.port.in;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.Identity;
import java.util.Objects;
import java.util.Optional;

/**
 * An administrator reads a daemon setting ({@code value} empty) or changes it. The key {@value #ALL}
 * reads every setting.
 */
public record ConfigureSystemCommand(Identity identity, String key, Optional<String> value) {

    /** The key that reads every setting at once. */
    public static final String ALL = "*";

    public ConfigureSystemCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(value, "value");
        if (key == null || key.isBlank()) {
            throw new InvalidInputException("config.key_missing", "name the setting to read or change, or * for all");
        }
        if (ALL.equals(key) && value.isPresent()) {
            throw new InvalidInputException("config.key_missing", "name one setting to change, not *");
        }
    }
}
