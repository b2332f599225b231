package ai.aegis.application.port.out;

import java.net.URI;
import java.util.Objects;

/** One search hit: its title, its http(s) link and a short snippet of text (possibly empty). */
public record WebSearchResult(String title, URI url, String snippet) {

    public WebSearchResult {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(snippet, "snippet");
    }
}
