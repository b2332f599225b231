package ai.aegis.application.memory;

import ai.aegis.application.port.out.WebSearchPort;
import ai.aegis.application.port.out.WebSearchResult;
import ai.aegis.domain.error.UnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A search provider over a fixed list of results: a query matches the results whose title or
 * snippet contains any of its words. {@link #unconfigured()} answers like a server without a
 * provider. Thread-safe (immutable).
 */
public final class InMemoryWebSearchAdapter implements WebSearchPort {

    private final List<WebSearchResult> results;
    private final boolean configured;

    private InMemoryWebSearchAdapter(List<WebSearchResult> results, boolean configured) {
        this.results = List.copyOf(results);
        this.configured = configured;
    }

    public static InMemoryWebSearchAdapter of(List<WebSearchResult> results) {
        return new InMemoryWebSearchAdapter(results, true);
    }

    public static InMemoryWebSearchAdapter unconfigured() {
        return new InMemoryWebSearchAdapter(List.of(), false);
    }

    @Override
    public List<WebSearchResult> search(String query, int limit) {
        if (!configured) {
            throw new UnavailableException("web.search_not_configured", "web search is not configured");
        }
        List<WebSearchResult> matching = new ArrayList<>();
        String[] words = query.toLowerCase(Locale.ROOT).split("\\s+");
        for (WebSearchResult result : results) {
            String text = (result.title() + " " + result.snippet()).toLowerCase(Locale.ROOT);
            for (String word : words) {
                if (text.contains(word)) {
                    matching.add(result);
                    break;
                }
            }
        }
        return matching;
    }
}
