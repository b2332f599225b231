package ai.aegis.application.port.in;

import ai.aegis.application.port.out.WebSearchResult;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.UnavailableException;
import java.util.List;

/** {@code web.search}: result titles, links and snippets from the configured search provider. Audited. */
public interface SearchWebUseCase {

    /**
     * At most {@code query.limit()} results, best first.
     *
     * @throws AccessDeniedException a {@code policy.*} code when the context does not grant {@code web.search}
     * @throws UnavailableException {@code web.search_not_configured} naming the setting when no provider
     *         is configured, or {@code web.search_failed} / {@code web.timeout} when the provider fails
     */
    List<WebSearchResult> search(SearchWebQuery query);
}
