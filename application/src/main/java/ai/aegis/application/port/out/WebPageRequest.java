package ai.aegis.application.port.out;

import ai.aegis.domain.security.DomainName;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@link WebPagePort#fetch} is asked: an absolute http(s) URL, the domains the fetch may touch
 * (absent: any public host; present: the URL's host and the host of every redirect must be one of
 * them or a subdomain, label-boundary matching as in {@link DomainName#isWithin}), and the largest
 * number of body bytes the caller's context accepts (absent: the adapter's own limit alone).
 */
public record WebPageRequest(URI url, Optional<List<DomainName>> allowedDomains, OptionalLong maxBytes) {

    public WebPageRequest {
        Objects.requireNonNull(url, "url");
        allowedDomains = Objects.requireNonNull(allowedDomains, "allowedDomains").map(List::copyOf);
        Objects.requireNonNull(maxBytes, "maxBytes");
        if (!url.isAbsolute()) {
            throw new IllegalArgumentException("a web page request needs an absolute URL");
        }
        if (maxBytes.isPresent() && maxBytes.getAsLong() <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
    }

    /** True when {@code host} may be touched under {@link #allowedDomains}. */
    public boolean allowsHost(DomainName host) {
        return allowedDomains.map(allowed -> allowed.stream().anyMatch(host::isWithin)).orElse(true);
    }
}
