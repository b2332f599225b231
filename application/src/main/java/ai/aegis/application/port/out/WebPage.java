package ai.aegis.application.port.out;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A fetched page as the caller reads it: the URL asked for, the URL finally answered (after
 * redirects), the HTTP status and content type, the title when the page has one, the readable
 * content (HTML turned into Markdown-style text; plain text and JSON as they came), how many body
 * bytes were read, and whether the body was cut at the size limit (the content then ends with a
 * note saying so).
 */
public record WebPage(URI url, URI finalUrl, int status, String contentType, Optional<String> title, String content,
                      long bytesRead, boolean truncated) {

    public WebPage {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(finalUrl, "finalUrl");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(content, "content");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status out of range: " + status);
        }
        if (bytesRead < 0) {
            throw new IllegalArgumentException("bytesRead must not be negative");
        }
    }
}
