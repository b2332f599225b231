package ai.aegis.domain.security;

import ai.aegis.domain.error.AccessDeniedException;
import java.util.Objects;

/** The first way a requested child is broader than its parent, with a sentence explaining it. */
public record CeilingViolation(CeilingDimension dimension, String explanation) {

    public CeilingViolation {
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(explanation, "explanation");
    }

    /** The refusal for this violation, coded {@code ceiling.<dimension>}. */
    public AccessDeniedException toException() {
        return new AccessDeniedException(dimension.code(), explanation);
    }
}
