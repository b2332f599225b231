package ai.aegis.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.memory.InMemoryAuditLogAdapter;
import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.memory.InMemoryWebPageAdapter;
import ai.aegis.application.memory.InMemoryWebSearchAdapter;
import ai.aegis.application.port.in.FetchWebPageCommand;
import ai.aegis.application.port.in.SearchWebQuery;
import ai.aegis.application.port.out.WebPage;
import ai.aegis.application.port.out.WebSearchResult;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.UnavailableException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.security.Capability;
import ai.aegis.domain.security.DomainName;
import ai.aegis.domain.security.SecurityContext;
import ai.aegis.domain.security.SecurityContextName;
import ai.aegis.domain.security.ToolPattern;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebServiceTest {

    private static final Identity FREE = Identity.zaruUser(ZaruUserId.of("user-free"),
            TenantId.consumer(UUID.nameUUIDFromBytes("free".getBytes())), ZaruTier.FREE);

    private final InMemoryAuditLogAdapter audit = new InMemoryAuditLogAdapter();
    private final InMemoryClockAdapter clock = new InMemoryClockAdapter(Instant.parse("2026-11-28T12:00:00Z"));
    private final InMemoryWebPageAdapter pages = new InMemoryWebPageAdapter()
            .serve("https://docs.example.org/guide?x=1", "the guide")
            .serve("https://badexample.org/", "elsewhere");
    private final WebService service = new WebService(pages, InMemoryWebSearchAdapter.of(List.of(
            new WebSearchResult("Java records", URI.create("https://example.org/records"), "records are classes"),
            new WebSearchResult("Java sealed", URI.create("https://example.org/sealed"), "sealed interfaces"),
            new WebSearchResult("Kotlin", URI.create("https://example.org/kotlin"), "another language"))), audit, clock);

    private static SecurityContext allowing(Capability capability) {
        return SecurityContext.of(SecurityContextName.of("tenant-acme-web"), List.of(capability), List.of());
    }

    @Test
    void fetch_consumerContext_returnsThePageAndAuditsTheHostOnly() {
        WebPage page = service.fetch(FetchWebPageCommand.of(FREE, "https://docs.example.org/guide?x=1#part"));

        assertThat(page.content()).isEqualTo("the guide");
        assertThat(pages.requests()).singleElement().satisfies(request -> {
            assertThat(request.url()).isEqualTo(URI.create("https://docs.example.org/guide?x=1"));
            assertThat(request.allowedDomains()).isEmpty();
            assertThat(request.maxBytes()).isEmpty();
        });
        AuditRecord record = audit.all().get(audit.all().size() - 1);
        assertThat(record.action()).isEqualTo("web.fetch");
        assertThat(record.target()).contains("docs.example.org");
        assertThat(record.decision()).isEqualTo(AuditDecision.ALLOWED);
        assertThat(record.actorSubject()).isEqualTo("user-free");
    }

    @Test
    void fetch_hostOutsideTheContextsAllowList_refusedBeforeAnyRequestAndAudited() {
        SecurityContext context = allowing(Capability.of("web.*").withDomainAllowlist("example.org"));

        assertThatThrownBy(() -> service.fetch(new FetchWebPageCommand(FREE, context, "https://badexample.org/")))
                .isInstanceOf(AccessDeniedException.class)
                .hasFieldOrPropertyWithValue("code", "policy.domain_not_allowed")
                .hasMessageContaining("badexample.org");
        assertThat(pages.requests()).isEmpty();
        assertThat(audit.all()).singleElement().satisfies(record -> {
            assertThat(record.decision()).isEqualTo(AuditDecision.DENIED);
            assertThat(record.reasonCode()).isEqualTo("policy.domain_not_allowed");
        });
    }

    @Test
    void fetch_subdomainOfAllowedDomain_passesTheAllowListAndSizeCapToTheAdapter() {
        SecurityContext context = allowing(Capability.of("web.fetch").withDomainAllowlist("example.org")
                .withMaxResponseSize(4));

        WebPage page = service.fetch(new FetchWebPageCommand(FREE, context, "https://docs.example.org/guide?x=1"));

        assertThat(page.content()).isEqualTo("the ");
        assertThat(page.truncated()).isTrue();
        assertThat(pages.requests()).singleElement().satisfies(request -> {
            assertThat(request.allowedDomains()).contains(List.of(DomainName.parse("example.org")));
            assertThat(request.maxBytes()).hasValue(4);
        });
    }

    @Test
    void fetch_contextWithoutWebFetch_refusedNamingTheContext() {
        SecurityContext context = allowing(Capability.of("web.search"));

        assertThatThrownBy(() -> service.fetch(new FetchWebPageCommand(FREE, context, "https://docs.example.org/")))
                .isInstanceOf(AccessDeniedException.class)
                .hasFieldOrPropertyWithValue("code", "policy.no_capability")
                .hasMessageContaining("tenant-acme-web");
        assertThat(pages.requests()).isEmpty();
    }

    @Test
    void fetch_contextDenyListsWebFetch_refused() {
        SecurityContext context = SecurityContext.of(SecurityContextName.of("tenant-acme-web"),
                List.of(Capability.of("*")), List.of(ToolPattern.of("web.fetch")));

        assertThatThrownBy(() -> service.fetch(new FetchWebPageCommand(FREE, context, "https://docs.example.org/")))
                .isInstanceOf(AccessDeniedException.class)
                .hasFieldOrPropertyWithValue("code", "policy.deny_list");
    }

    @Test
    void fetch_nonHttpScheme_refusedAsSchemeNotAllowed() {
        for (String url : List.of("file:///etc/passwd", "ftp://example.org/x", "gopher://example.org/",
                "jar:file:/x.jar!/a")) {
            assertThatThrownBy(() -> service.fetch(FetchWebPageCommand.of(FREE, url)))
                    .as(url)
                    .isInstanceOf(DomainException.class)
                    .satisfies(e -> assertThat(((DomainException) e).code()).isIn("web.scheme_not_allowed", "web.invalid_url"));
        }
        assertThatThrownBy(() -> service.fetch(FetchWebPageCommand.of(FREE, "file:///etc/passwd")))
                .hasFieldOrPropertyWithValue("code", "web.scheme_not_allowed").hasMessageContaining("http and https");
        assertThat(pages.requests()).isEmpty();
    }

    @Test
    void fetch_malformedOrRelativeOrCredentialUrl_refusedAsInvalid() {
        for (String url : List.of("not a url", "/relative/path", "https://user:secret@example.org/", "https:///nohost")) {
            assertThatThrownBy(() -> service.fetch(FetchWebPageCommand.of(FREE, url)))
                    .as(url)
                    .isInstanceOf(InvalidInputException.class)
                    .hasFieldOrPropertyWithValue("code", "web.invalid_url")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
        }
        assertThat(pages.requests()).isEmpty();
    }

    @Test
    void fetch_adapterFails_failureAuditedAsDenied() {
        assertThatThrownBy(() -> service.fetch(FetchWebPageCommand.of(FREE, "https://missing.example.org/")))
                .isInstanceOf(UnavailableException.class);

        assertThat(audit.all()).singleElement().satisfies(record -> {
            assertThat(record.reasonCode()).isEqualTo("web.fetch_failed");
            assertThat(record.target()).contains("missing.example.org");
        });
    }

    @Test
    void search_configuredProvider_boundedResultsAndAuditWithoutTheWords() {
        List<WebSearchResult> results = service.search(SearchWebQuery.of(FREE, "java", 1));

        assertThat(results).extracting(WebSearchResult::title).containsExactly("Java records");
        assertThat(audit.all()).singleElement().satisfies(record -> {
            assertThat(record.action()).isEqualTo("web.search");
            assertThat(record.target()).isEqualTo(Optional.empty());
            assertThat(record.decision()).isEqualTo(AuditDecision.ALLOWED);
        });
    }

    @Test
    void search_noProvider_clearErrorAudited() {
        WebService unconfigured = new WebService(pages, InMemoryWebSearchAdapter.unconfigured(), audit, clock);

        assertThatThrownBy(() -> unconfigured.search(SearchWebQuery.of(FREE, "java", 5)))
                .isInstanceOf(UnavailableException.class)
                .hasFieldOrPropertyWithValue("code", "web.search_not_configured");
        assertThat(audit.all()).singleElement().extracting(AuditRecord::reasonCode).isEqualTo("web.search_not_configured");
    }

    @Test
    void search_contextWithoutWebSearch_refused() {
        SecurityContext context = allowing(Capability.of("web.fetch"));

        assertThatThrownBy(() -> service.search(new SearchWebQuery(FREE, context, "java", 5)))
                .isInstanceOf(AccessDeniedException.class)
                .hasFieldOrPropertyWithValue("code", "policy.no_capability");
    }

    @Test
    void searchQuery_limitOutOfRangeOrBlank_refused() {
        assertThatThrownBy(() -> SearchWebQuery.of(FREE, "java", 0)).hasFieldOrPropertyWithValue("code", "web.invalid_limit");
        assertThatThrownBy(() -> SearchWebQuery.of(FREE, "java", 51)).hasFieldOrPropertyWithValue("code", "web.invalid_limit");
        assertThatThrownBy(() -> SearchWebQuery.of(FREE, "  ", 5)).hasFieldOrPropertyWithValue("code", "web.query_missing");
    }
}
