package ai.aegis.domain.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of a listing, in name order; {@code next} is the cursor of the following page, empty on the last. */
public record ManifestPage(List<ManifestSummary> items, Optional<ManifestName> next) {

    public ManifestPage {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }
}
