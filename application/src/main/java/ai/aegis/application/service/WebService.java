package ai.aegis.application.service;

import ai.aegis.application.port.in.FetchWebPageCommand;
import ai.aegis.application.port.in.FetchWebPageUseCase;
import ai.aegis.application.port.in.SearchWebQuery;
import ai.aegis.application.port.in.SearchWebUseCase;
import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.WebPage;
import ai.aegis.application.port.out.WebPagePort;
import ai.aegis.application.port.out.WebPageRequest;
import ai.aegis.application.port.out.WebSearchPort;
import ai.aegis.application.port.out.WebSearchResult;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.security.Capability;
import ai.aegis.domain.security.SecurityContext;
import ai.aegis.domain.security.ToolRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The web tools. Before any network work the caller's security context must grant the tool, and
 * for {@code web.fetch} the URL's host must pass the granting capability's domain allow-list; that
 * allow-list and the capability's response-size cap travel with the request so the adapter applies
 * them to every redirect too. Address safety (SSRF) is the adapter's job, at connection time.
 *
 * <p>Every call leaves one audit record (action {@code web.fetch} with the URL's host as target, or
 * {@code web.search} without a target: search words are the caller's own text and stay out of the
 * trail). It is written after the network work, not atomically around it, so that no database
 * transaction stays open while a remote server answers.
 */
public final class WebService implements FetchWebPageUseCase, SearchWebUseCase {

    static final String FETCH = "web.fetch";
    static final String SEARCH = "web.search";

    private final WebPagePort pages;
    private final WebSearchPort searchProvider;
    private final Auditor auditor;

    public WebService(WebPagePort pages, WebSearchPort searchProvider, AuditLogPort auditLog, ClockPort clock) {
        this.pages = Objects.requireNonNull(pages, "pages");
        this.searchProvider = Objects.requireNonNull(searchProvider, "searchProvider");
        this.auditor = new Auditor(Objects.requireNonNull(auditLog, "auditLog"), Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public WebPage fetch(FetchWebPageCommand command) {
        Optional<String> host = hostOf(command.url());
        return audited(command.identity(), FETCH, host, () -> {
            URI url = parseHttpUrl(command.url());
            SecurityContext context = command.context();
            context.decide(ToolRequest.of(FETCH)).orThrow();
            // decide allowed it, so a capability grants it.
            Capability granting = context.grantingCapability(FETCH).orElseThrow();
            if (granting.domainAllowlist().isPresent()) {
                // Only then is the host judged as a DNS name: without an allow-list an IPv6 literal is fine here.
                context.decide(ToolRequest.of(FETCH).withUrl(url.toString())).orThrow();
            }
            OptionalLong maxBytes = granting.maxResponseSize();
            return pages.fetch(new WebPageRequest(url, granting.domainAllowlist(), maxBytes));
        });
    }

    @Override
    public List<WebSearchResult> search(SearchWebQuery query) {
        return audited(query.identity(), SEARCH, Optional.empty(), () -> {
            query.context().decide(ToolRequest.of(SEARCH)).orThrow();
            List<WebSearchResult> results = searchProvider.search(query.query(), query.limit());
            return results.size() > query.limit() ? List.copyOf(results.subList(0, query.limit())) : List.copyOf(results);
        });
    }

    private <T> T audited(Identity identity, String action, Optional<String> target, Supplier<T> work) {
        T result;
        try {
            result = work.get();
        } catch (DomainException refusal) {
            auditor.record(identity, action, target, AuditDecision.DENIED, refusal.code());
            throw refusal;
        }
        auditor.record(identity, action, target, AuditDecision.ALLOWED, Auditor.ALLOWED);
        return result;
    }

    /**
     * An absolute http or https URL with a host and no credentials; the fragment is dropped (it never
     * reaches the server). The one reading of a {@code web.fetch} URL, for this service and for nodes
     * that run {@code web.fetch} for their programs.
     *
     * @throws InvalidInputException {@code web.invalid_url}
     * @throws AccessDeniedException {@code web.scheme_not_allowed}
     */
    public static URI parseHttpUrl(String text) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("web.invalid_url", "URL " + quote(text)
                    + " is not valid; give an absolute http or https URL such as https://example.org/page");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || url.isOpaque()) {
            throw new InvalidInputException("web.invalid_url", "URL " + quote(text)
                    + " is not an absolute http or https URL such as https://example.org/page");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new AccessDeniedException("web.scheme_not_allowed", "web.fetch only fetches http and https URLs, not "
                    + quote(scheme) + " URLs");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new InvalidInputException("web.invalid_url", "URL " + quote(text) + " has no host name");
        }
        if (url.getRawUserInfo() != null) {
            throw new InvalidInputException("web.invalid_url",
                    "URLs with a user name or password are not fetched; remove the part before '@'");
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return URI.create(scheme + "://" + url.getRawAuthority() + path
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    }

    /**
     * A URL (or scheme) for a message: quoted, at most 200 characters, control characters replaced,
     * and any user name or password before '@' removed so that no credential is echoed.
     */
    static String quote(String text) {
        String shown = text.replaceAll("(?<=//)[^/?#@]*@", "…@");
        if (shown.length() > 200) {
            shown = shown.substring(0, 200) + "…";
        }
        StringBuilder quoted = new StringBuilder("'");
        shown.codePoints().forEach(c -> quoted.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return quoted.append('\'').toString();
    }

    /** The host for the audit record, without path or query (which may carry the caller's secrets). */
    private static Optional<String> hostOf(String url) {
        try {
            String host = new URI(url).getHost();
            return host == null || host.isEmpty() || host.length() > 253 ? Optional.empty()
                    : Optional.of(host.toLowerCase(Locale.ROOT));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
