package ai.aegis.domain.registry;

import ai.aegis.domain.error.InvalidInputException;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A manifest version: {@code MAJOR.MINOR.PATCH}, three non-negative numbers without leading zeros
 * (semantic versioning without pre-release or build tags). Versions order numerically
 * ({@code 1.10.0} is newer than {@code 1.9.0}); the newest version of a name is its latest.
 */
public record ManifestVersion(int major, int minor, int patch) implements Comparable<ManifestVersion> {

    /** The largest number a version part may hold; keeps every part in a 32-bit column. */
    public static final int MAX_PART = 999_999_999;
    static final String REGEX = "(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})";
    private static final Pattern VERSION = Pattern.compile(REGEX);
    private static final Comparator<ManifestVersion> ORDER = Comparator.comparingInt(ManifestVersion::major)
            .thenComparingInt(ManifestVersion::minor).thenComparingInt(ManifestVersion::patch);

    public ManifestVersion {
        if (major < 0 || minor < 0 || patch < 0 || major > MAX_PART || minor > MAX_PART || patch > MAX_PART) {
            throw new InvalidInputException("manifest.version_invalid",
                    "each part of a version must be between 0 and " + MAX_PART);
        }
    }

    public static ManifestVersion of(int major, int minor, int patch) {
        return new ManifestVersion(major, minor, patch);
    }

    /**
     * Reads {@code 1.2.3}.
     *
     * @throws InvalidInputException code {@code manifest.version_invalid} for anything else
     */
    public static ManifestVersion parse(String text) {
        Optional<String> problem = problem(text);
        if (problem.isPresent()) {
            throw new InvalidInputException("manifest.version_invalid", "the version " + problem.get());
        }
        Matcher m = VERSION.matcher(text);
        if (!m.matches()) {
            throw new IllegalStateException("a version without problems must match");
        }
        return new ManifestVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
    }

    /** What is wrong with {@code text} as a version, in words that follow "the version", or empty when valid. */
    public static Optional<String> problem(String text) {
        if (text == null || !VERSION.matcher(text).matches()) {
            return Optional.of("must look like 1.0.0: three numbers without leading zeros, separated by dots");
        }
        return Optional.empty();
    }

    @Override
    public int compareTo(ManifestVersion other) {
        return ORDER.compare(this, other);
    }

    public boolean isNewerThan(ManifestVersion other) {
        return compareTo(other) > 0;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
