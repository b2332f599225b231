package ai.aegis.application.port.out;

import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.UnavailableException;

/**
 * Fetches web pages from the public internet. Implementations must, for the URL and again for
 * every redirect they follow (a bounded number): accept only http and https; check the host
 * against {@link WebPageRequest#allowedDomains}; resolve the host themselves and refuse it when any
 * address is loopback, private, link-local, multicast, unspecified, carrier-grade NAT or a cloud
 * metadata endpoint (IPv4-mapped IPv6 forms included); then connect to exactly the address they
 * checked (no second resolution) while keeping the Host header and TLS server name of the URL.
 * Bodies are read up to a size limit and truncated beyond it; connect and total time are bounded.
 */
public interface WebPagePort {

    /**
     * @throws AccessDeniedException {@code web.scheme_not_allowed}, {@code web.domain_not_allowed},
     *         {@code web.address_refused}
     * @throws InvalidInputException {@code web.invalid_url}, {@code web.unsupported_content_type}
     * @throws LimitExceededException {@code web.too_many_redirects}
     * @throws UnavailableException {@code web.timeout}, {@code web.host_not_found}, {@code web.fetch_failed}
     */
    WebPage fetch(WebPageRequest request);
}
