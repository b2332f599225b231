package ai.aegis.domain.volume;

import ai.aegis.domain.error.InvalidInputException;
import java.util.regex.Pattern;

/**
 * The name a tenant gives a volume; unique within the tenant while the volume exists. 1 to 63
 * characters: letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter or digit
 * (so never {@code .} or {@code ..}). Case matters.
 */
public record VolumeName(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    public VolumeName {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException("volume.name_missing", "a volume needs a name");
        }
        if (!FORM.matcher(value).matches()) {
            throw new InvalidInputException("volume.name_invalid", "a volume name has 1 to 63 letters, digits, '.', '_' "
                    + "or '-' and starts with a letter or digit");
        }
    }

    public static VolumeName of(String value) {
        return new VolumeName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
