package ai.aegis.adapters.web;

import ai.aegis.application.port.out.WebSearchPort;
import ai.aegis.application.port.out.WebSearchResult;
import ai.aegis.domain.error.UnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code web.search} through a SearXNG instance's JSON API: {@code GET <AEGIS_WEB_SEARCH_URL>?q=…&format=json}
 * (the instance must list {@code json} under {@code search.formats}). Each result's {@code title},
 * {@code url} and {@code content} become a {@link WebSearchResult}; results without an http(s) link
 * are skipped, titles and snippets are cut to {@value #MAX_TITLE} and {@value #MAX_SNIPPET}
 * characters. The endpoint is the operator's own choice (often a SearXNG on the same host), so it
 * is not subject to the public-address rule of {@code web.fetch}; answers are read up to the
 * fetch size limit, within the total timeout.
 */
public final class SearxngWebSearchAdapter implements WebSearchPort {

    static final int MAX_TITLE = 300;
    static final int MAX_SNIPPET = 1_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI endpoint;
    private final WebSettings settings;
    private final HttpClient http;

    private SearxngWebSearchAdapter(URI endpoint, WebSettings settings) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * The search port the settings call for: SearXNG at {@link WebSettings#searchUrl()}, or, without
     * one, a port that refuses every search with {@code web.search_not_configured} naming the setting.
     */
    public static WebSearchPort fromSettings(WebSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (settings.searchUrl().isEmpty()) {
            return (query, limit) -> {
                throw new UnavailableException("web.search_not_configured", "web.search is not configured on this "
                        + "server: the operator must set " + WebSettings.SEARCH_URL
                        + " to a SearXNG JSON endpoint, e.g. https://searx.example/search");
            };
        }
        return new SearxngWebSearchAdapter(settings.searchUrl().get(), settings);
    }

    @Override
    public List<WebSearchResult> search(String query, int limit) {
        HttpRequest request = HttpRequest.newBuilder(queryUrl(query)).timeout(settings.timeout())
                .header("Accept", "application/json").header("User-Agent", HttpWebPageAdapter.USER_AGENT).GET().build();
        HttpResponse<InputStream> response;
        JsonNode root;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes((int) Math.min(settings.fetchMaxBytes(), Integer.MAX_VALUE - 16));
                if (response.statusCode() != 200) {
                    throw new UnavailableException("web.search_failed", "the search provider answered HTTP "
                            + response.statusCode() + (response.statusCode() == 403
                            ? "; SearXNG must allow the json format (search.formats in its settings.yml)" : ""));
                }
                root = JSON.readTree(bytes);
            }
        } catch (HttpTimeoutException e) {
            throw new UnavailableException("web.timeout", "the search provider did not answer within "
                    + settings.timeout().toSeconds() + " seconds", e);
        } catch (IOException e) {
            throw new UnavailableException("web.search_failed", "the search provider could not be reached", e);
        } catch (JacksonException e) {
            throw new UnavailableException("web.search_failed", "the search provider did not answer with JSON; "
                    + "is " + WebSettings.SEARCH_URL + " a SearXNG /search endpoint?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("web.search_failed", "the search was interrupted", e);
        }
        return results(root, limit);
    }

    private URI queryUrl(String query) {
        String base = endpoint.toString();
        String separator = endpoint.getRawQuery() == null ? "?" : "&";
        try {
            return new URI(base + separator + "q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&format=json");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the validated search URL no longer parses", e);
        }
    }

    private static List<WebSearchResult> results(JsonNode root, int limit) {
        JsonNode items = root.path("results");
        if (!items.isArray()) {
            throw new UnavailableException("web.search_failed", "the search provider's answer has no results list; "
                    + "is " + WebSettings.SEARCH_URL + " a SearXNG /search endpoint?");
        }
        List<WebSearchResult> results = new ArrayList<>();
        for (JsonNode item : items) {
            if (results.size() >= limit) {
                break;
            }
            String link = item.path("url").asString("");
            URI url;
            try {
                url = new URI(link);
            } catch (URISyntaxException e) {
                continue;
            }
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                continue;
            }
            String title = cut(item.path("title").asString(""), MAX_TITLE);
            results.add(new WebSearchResult(title.isEmpty() ? url.getHost() : title, url,
                    cut(item.path("content").asString(""), MAX_SNIPPET)));
        }
        return results;
    }

    private static String cut(String text, int max) {
        String single = text.replaceAll("\\s+", " ").strip();
        return single.length() <= max ? single : single.substring(0, max - 1) + "\u2026";
    }
}
