package ai.aegis.application.port.out;

import ai.aegis.domain.error.UnavailableException;
import java.util.List;

/** A web search provider (for example a SearXNG instance) chosen by the operator's configuration. */
public interface WebSearchPort {

    /**
     * At most {@code limit} results for {@code query}, best first.
     *
     * @throws UnavailableException {@code web.search_not_configured} naming the setting when no
     *         provider is configured; {@code web.search_failed} or {@code web.timeout} when it fails
     */
    List<WebSearchResult> search(String query, int limit);
}
