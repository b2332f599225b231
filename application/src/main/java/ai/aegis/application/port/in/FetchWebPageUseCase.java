package ai.aegis.application.port.in;

import ai.aegis.application.port.out.WebPage;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.UnavailableException;

/**
 * {@code web.fetch}: one web page for the caller, as readable text, within the size and time limits,
 * under the context's domain allow-list, never from a private or internal address. Audited.
 */
public interface FetchWebPageUseCase {

    /**
     * @throws InvalidInputException {@code web.invalid_url} for a URL that is not an absolute http(s) URL
     * @throws AccessDeniedException {@code web.scheme_not_allowed}, a {@code policy.*} code from the
     *         context (for example {@code policy.domain_not_allowed}), {@code web.domain_not_allowed}
     *         for a redirect outside the allow-list, or {@code web.address_refused} for a private,
     *         loopback, link-local, multicast or metadata address
     * @throws LimitExceededException {@code web.too_many_redirects}
     * @throws UnavailableException {@code web.timeout}, {@code web.host_not_found}, {@code web.fetch_failed}
     */
    WebPage fetch(FetchWebPageCommand command);
}
