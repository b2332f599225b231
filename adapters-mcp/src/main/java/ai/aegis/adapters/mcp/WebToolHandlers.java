package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.FetchWebPageCommand;
import ai.aegis.application.port.in.FetchWebPageUseCase;
import ai.aegis.application.port.in.SearchWebQuery;
import ai.aegis.application.port.in.SearchWebUseCase;
import ai.aegis.application.port.out.WebPage;
import ai.aegis.application.port.out.WebSearchResult;
import ai.aegis.domain.security.BuiltInContexts;
import ai.aegis.domain.security.SecurityContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code web.fetch} and {@code web.search} over MCP, under the security context of the caller's
 * SEAL token. Allow-lists, address safety, limits and the audit trail are the web service's and its
 * adapter's; this class only translates.
 */
final class WebToolHandlers {

    private final FetchWebPageUseCase fetch;
    private final SearchWebUseCase search;

    WebToolHandlers(FetchWebPageUseCase fetch, SearchWebUseCase search) {
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        this.search = Objects.requireNonNull(search, "search");
    }

    void registerIn(McpToolRegistry registry) {
        registry.handle("web.fetch", call -> describe(fetch.fetch(new FetchWebPageCommand(call.caller().identity(),
                        contextOf(call), call.text("url")))))
                .handle("web.search", call -> {
                    String query = call.text("query");
                    int limit = call.optionalInteger("limit", SearchWebQuery.MIN_LIMIT, SearchWebQuery.MAX_LIMIT)
                            .orElse(SearchWebQuery.DEFAULT_LIMIT);
                    List<WebSearchResult> results = search.search(new SearchWebQuery(call.caller().identity(),
                            contextOf(call), query, limit));
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("query", query);
                    answer.put("results", describeAll(results));
                    return answer;
                });
    }

    /** The built-in context the caller's token names (its tier's, or the operator context). */
    private static SecurityContext contextOf(ToolCall call) {
        return BuiltInContexts.find(call.caller().securityContext())
                .orElseGet(() -> BuiltInContexts.forIdentity(call.caller().identity()));
    }

    private static Map<String, Object> describe(WebPage page) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("url", page.url().toString());
        result.put("final_url", page.finalUrl().toString());
        result.put("status", page.status());
        result.put("content_type", page.contentType());
        page.title().ifPresent(title -> result.put("title", title));
        result.put("content", page.content());
        result.put("bytes_read", page.bytesRead());
        result.put("truncated", page.truncated());
        return result;
    }

    private static List<Map<String, Object>> describeAll(List<WebSearchResult> results) {
        List<Map<String, Object>> described = new ArrayList<>();
        for (WebSearchResult hit : results) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("title", hit.title());
            item.put("url", hit.url().toString());
            item.put("snippet", hit.snippet());
            described.add(item);
        }
        return described;
    }
}
