package ai.aegis.domain.registry;

import ai.aegis.domain.error.InvalidInputException;
import java.util.Locale;

/** What a manifest describes: an agent or a workflow. Each kind has its own registry names and count limit. */
public enum ManifestKind {
    AGENT("agent"),
    WORKFLOW("workflow");

    private final String slug;

    ManifestKind(String slug) {
        this.slug = slug;
    }

    /** The lower-case word used in manifests, tool names and storage ({@code agent}, {@code workflow}). */
    public String slug() {
        return slug;
    }

    /**
     * The kind named by {@code value} (case-insensitive).
     *
     * @throws InvalidInputException code {@code manifest.kind_invalid} for anything else
     */
    public static ManifestKind parse(String value) {
        if (value != null) {
            String lower = value.toLowerCase(Locale.ROOT);
            for (ManifestKind kind : values()) {
                if (kind.slug.equals(lower)) {
                    return kind;
                }
            }
        }
        throw new InvalidInputException("manifest.kind_invalid", "the manifest kind must be agent or workflow");
    }
}
