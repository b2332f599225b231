package ai.aegis.domain.volume;

import ai.aegis.domain.error.InvalidInputException;
import java.util.regex.Pattern;

/**
 * The service-assigned, never-reused identity of a volume ({@code vol-} followed by 8 to 64
 * lower-case letters, digits or hyphens). It doubles as the volume's directory name on disk, so it
 * can never contain a separator or a dot segment.
 */
public record VolumeId(String value) {

    private static final Pattern FORM = Pattern.compile("vol-[a-z0-9-]{8,64}");

    public VolumeId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new InvalidInputException("volume.id_invalid", "a volume id looks like vol-<8 to 64 lower-case letters, "
                    + "digits or hyphens>");
        }
    }

    public static VolumeId of(String value) {
        return new VolumeId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
