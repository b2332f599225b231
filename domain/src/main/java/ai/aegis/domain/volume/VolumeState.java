package ai.aegis.domain.volume;

/**
 * Where a volume is in its life. {@code ACTIVE} volumes take reads and writes; a volume being
 * removed (by its owner, an operator or the TTL job) is {@code DELETING} from the moment one remover
 * claims it until its files and row are gone, so no second remover and no writer touches it.
 */
public enum VolumeState {
    ACTIVE,
    DELETING;

    /** The lower-case name stored and shown to people. */
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static VolumeState fromSlug(String slug) {
        for (VolumeState state : values()) {
            if (state.slug().equals(slug)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown volume state " + slug);
    }
}
