package ai.aegis.application.memory;

import ai.aegis.application.port.out.WebPage;
import ai.aegis.application.port.out.WebPagePort;
import ai.aegis.application.port.out.WebPageRequest;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.UnavailableException;
import ai.aegis.domain.security.DomainName;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Web pages served from a map (URL → text) instead of the network. Honours the request's domain
 * allow-list and size cap like the real adapter (it has no addresses, so no address checks) and
 * remembers every request. Thread-safe.
 */
public final class InMemoryWebPageAdapter implements WebPagePort {

    private final Map<URI, String> pages = new ConcurrentHashMap<>();
    private final List<WebPageRequest> requests = new ArrayList<>();

    /** Serves {@code text} (as {@code text/plain}) at {@code url}. */
    public InMemoryWebPageAdapter serve(String url, String text) {
        pages.put(URI.create(url), text);
        return this;
    }

    @Override
    public WebPage fetch(WebPageRequest request) {
        synchronized (requests) {
            requests.add(request);
        }
        if (!request.allowsHost(DomainName.parse(request.url().getHost()))) {
            throw new AccessDeniedException("web.domain_not_allowed", "host " + request.url().getHost()
                    + " is not in the domain allow-list");
        }
        String text = pages.get(request.url());
        if (text == null) {
            throw new UnavailableException("web.fetch_failed", request.url() + " could not be fetched");
        }
        long cap = request.maxBytes().orElse(Long.MAX_VALUE);
        boolean truncated = text.length() > cap;
        String content = truncated ? text.substring(0, (int) cap) : text;
        return new WebPage(request.url(), request.url(), 200, "text/plain", Optional.empty(), content,
                content.length(), truncated);
    }

    /** Every request in the order made. */
    public List<WebPageRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }
}
