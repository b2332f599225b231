package ai.aegis.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.out.WebPage;
import ai.aegis.application.port.out.WebPageRequest;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.UnavailableException;
import ai.aegis.domain.security.DomainName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpWebPageAdapterTest {

    private static final String ARTICLE = "<!doctype html><html><head><title>Field notes</title>"
            + "<script>var secret = 1;</script><style>p{}</style></head><body>"
            + "<h1>Birds</h1><p>The <b>robin</b> sings at dawn. See <a href=\"/more\">more birds</a>.</p>"
            + "<ul><li>robin</li><li>wren</li></ul></body></html>";

    private final PageServer pages = new PageServer();
    /** Names the fake resolver knows; anything else goes to the system resolver (address literals only here). */
    private final Map<String, InetAddress[]> dns = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();

    @AfterEach
    void stop() {
        pages.close();
    }

    private HttpWebPageAdapter adapter(WebSettings settings, OptionalInt loopbackPort) {
        HostResolver resolver = host -> {
            lookups.incrementAndGet();
            InetAddress[] known = dns.get(host);
            return known != null ? known : InetAddress.getAllByName(host);
        };
        try {
            return new HttpWebPageAdapter(settings, resolver, SSLContext.getDefault().getSocketFactory(), loopbackPort);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The adapter with the test-only allowance for this test's page server alone. */
    private HttpWebPageAdapter allowingPageServer() {
        return adapter(WebSettings.defaults(), OptionalInt.of(pages.port()));
    }

    /** The production configuration: no allowance at all. */
    private HttpWebPageAdapter production() {
        return adapter(WebSettings.defaults(), OptionalInt.empty());
    }

    private static WebPageRequest request(String url) {
        return new WebPageRequest(URI.create(url), Optional.empty(), OptionalLong.empty());
    }

    private void resolves(String host, String... literals) {
        List<InetAddress> addresses = new ArrayList<>();
        for (String literal : literals) {
            try {
                addresses.add(InetAddress.getByName(literal));
            } catch (UnknownHostException e) {
                throw new UncheckedIOException(e);
            }
        }
        dns.put(host, addresses.toArray(new InetAddress[0]));
    }

    private static void assertRefused(Runnable fetch, String reason) {
        assertThatThrownBy(fetch::run)
                .isInstanceOf(AccessDeniedException.class)
                .hasFieldOrPropertyWithValue("code", "web.address_refused")
                .hasMessageContaining(reason);
    }

    @Test
    void fetch_htmlPageOnAllowedTestServer_readableMarkdownWithTitleAndAbsoluteLinks() {
        pages.page("/article", "text/html; charset=utf-8", ARTICLE, false);

        WebPage page = allowingPageServer().fetch(request(pages.url("/article")));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).isEqualTo("text/html");
        assertThat(page.title()).contains("Field notes");
        assertThat(page.content()).contains("# Birds").contains("The **robin** sings at dawn.")
                .contains("[more birds](" + pages.url("/more") + ")").contains("- robin\n- wren")
                .doesNotContain("secret").doesNotContain("p{}");
        assertThat(page.truncated()).isFalse();
    }

    @Test
    void fetch_chunkedAndGzippedBodies_decoded() {
        pages.page("/chunked", "text/plain; charset=utf-8", "chunked body ✓", true)
                .gzipPage("/zipped", "application/json", "{\"ok\":true}");

        assertThat(allowingPageServer().fetch(request(pages.url("/chunked"))).content()).isEqualTo("chunked body ✓");
        assertThat(allowingPageServer().fetch(request(pages.url("/zipped"))).content()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void fetch_hostNameResolvedHere_connectsToTheCheckedAddressKeepingTheHostHeader() {
        resolves("pages.example", "127.0.0.1");
        pages.page("/p", "text/plain", "hello", false);

        WebPage page = allowingPageServer().fetch(request("http://pages.example:" + pages.port() + "/p"));

        assertThat(page.content()).isEqualTo("hello");
        assertThat(pages.hostHeaders).containsExactly("pages.example:" + pages.port());
        assertThat(lookups).hasValue(1);
    }

    @Test
    void fetch_dnsAnswerChangesAfterTheCheck_connectsOnlyToTheCheckedAddress() {
        pages.page("/p", "text/plain", "checked", false);
        AtomicInteger answers = new AtomicInteger();
        HostResolver rebinding = host -> {
            // First answer: the (allowed) page server; any later answer would be a private address.
            return new InetAddress[] {InetAddress.getByName(answers.getAndIncrement() == 0 ? "127.0.0.1" : "10.0.0.1")};
        };
        HttpWebPageAdapter adapter;
        try {
            adapter = new HttpWebPageAdapter(WebSettings.defaults(), rebinding, SSLContext.getDefault().getSocketFactory(),
                    OptionalInt.of(pages.port()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }

        WebPage page = adapter.fetch(request("http://rebind.example:" + pages.port() + "/p"));

        assertThat(page.content()).isEqualTo("checked");
        assertThat(answers).hasValue(1);
    }

    @Test
    void fetch_dnsLookupSlowerThanTheTotalLimit_timesOut() {
        HostResolver slow = host -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        };
        HttpWebPageAdapter adapter;
        try {
            adapter = new HttpWebPageAdapter(WebSettings.defaults().withTimeout(Duration.ofSeconds(1)), slow,
                    SSLContext.getDefault().getSocketFactory(), OptionalInt.empty());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }

        assertThatThrownBy(() -> adapter.fetch(request("http://slow-dns.example/")))
                .isInstanceOf(UnavailableException.class)
                .hasFieldOrPropertyWithValue("code", "web.timeout");
    }

    @Test
    void fetch_loopbackWithoutTheTestAllowance_refused() {
        pages.page("/p", "text/plain", "hello", false);

        assertRefused(() -> production().fetch(request(pages.url("/p"))), "127.0.0.1 is a loopback address");
        assertThat(pages.paths).isEmpty();
    }

    @Test
    void fetch_loopbackOnAnotherPortThanTheAllowance_refused() throws IOException {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertRefused(() -> allowingPageServer().fetch(request("http://127.0.0.1:" + other.getLocalPort() + "/")),
                    "loopback");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://[::1]:{port}/|loopback",
            "http://2130706433:{port}/|loopback",
            "http://0.0.0.0:{port}/|unspecified",
            "http://localhost:{port}/|local machine",
            "http://metadata.google.internal/computeMetadata/v1/|cloud metadata service",
            "http://169.254.169.254/latest/meta-data/|cloud metadata address",
            "http://[fd00:ec2::254]/latest/meta-data/|cloud metadata address",
            "http://10.0.0.1/|private (RFC 1918)",
            "http://172.16.5.4/|private (RFC 1918)",
            "http://192.168.0.1/|private (RFC 1918)",
            "http://169.254.0.1/|link-local",
            "http://[fe80::1]/|link-local",
            "http://[fc00::1]/|unique-local",
            "http://100.64.0.1/|carrier-grade NAT",
            "http://224.0.0.1/|multicast",
            "http://[ff02::1]/|multicast",
            "http://255.255.255.255/|broadcast",
            "http://[::ffff:127.0.0.1]:{port}/|loopback",
            "http://[::ffff:169.254.169.254]/|cloud metadata address"})
    void fetch_addressLiteralOrNameOfARefusedRange_refusedWithoutConnecting(String url, String reason) {
        pages.page("/", "text/plain", "should not be read", false);
        String concrete = url.replace("{port}", Integer.toString(pages.port()));

        assertRefused(() -> production().fetch(request(concrete)), reason);
        assertThat(pages.paths).isEmpty();
    }

    @Test
    void fetch_ipv4MappedIpv6FromDns_refused() throws UnknownHostException {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[15] = 7;
        dns.put("mapped.example", new InetAddress[] {Inet6Address.getByAddress(null, mapped, -1)});

        assertRefused(() -> production().fetch(request("http://mapped.example/")), "IPv4-mapped");
    }

    @Test
    void fetch_nameWithOnePrivateAmongPublicAddresses_refused() {
        resolves("mixed.example", "93.184.216.34", "192.168.1.20");

        assertRefused(() -> production().fetch(request("http://mixed.example/")), "192.168.1.20");
    }

    @Test
    void fetch_redirectToAnInternalAddress_refusedAtTheHop() {
        pages.redirect("/to-metadata", 302, "http://169.254.169.254/latest/meta-data/")
                .redirect("/to-private", 301, "http://10.1.1.1/admin")
                .redirect("/to-other-loopback", 307, "http://127.0.0.1:1/");

        assertRefused(() -> allowingPageServer().fetch(request(pages.url("/to-metadata"))), "cloud metadata address");
        assertRefused(() -> allowingPageServer().fetch(request(pages.url("/to-private"))), "private");
        assertRefused(() -> allowingPageServer().fetch(request(pages.url("/to-other-loopback"))), "loopback");
    }

    @Test
    void fetch_redirectToANameResolvingInternally_refused() {
        resolves("rebind.example", "127.0.0.1");
        pages.redirect("/away", 302, "http://rebind.example:8080/");

        assertRefused(() -> allowingPageServer().fetch(request(pages.url("/away"))), "loopback");
    }

    @Test
    void fetch_redirectsWithinTheLimit_followedToTheFinalPage() {
        pages.redirect("/a", 301, "/b").redirect("/b", 302, pages.url("/c")).redirect("/c", 308, "/final?x=1")
                .page("/final", "text/plain", "arrived", false);

        WebPage page = allowingPageServer().fetch(request(pages.url("/a")));

        assertThat(page.content()).isEqualTo("arrived");
        assertThat(page.url()).isEqualTo(URI.create(pages.url("/a")));
        assertThat(page.finalUrl()).isEqualTo(URI.create(pages.url("/final?x=1")));
    }

    @Test
    void fetch_moreRedirectsThanTheLimit_refused() {
        for (int i = 0; i < 7; i++) {
            pages.redirect("/r" + i, 302, "/r" + (i + 1));
        }

        assertThatThrownBy(() -> allowingPageServer().fetch(request(pages.url("/r0"))))
                .isInstanceOf(LimitExceededException.class)
                .hasFieldOrPropertyWithValue("code", "web.too_many_redirects");
        assertThat(pages.paths).hasSize(HttpWebPageAdapter.MAX_REDIRECTS + 1);
    }

    @Test
    void fetch_redirectToAnotherScheme_refused() {
        pages.redirect("/file", 302, "file:///etc/passwd");

        assertThatThrownBy(() -> allowingPageServer().fetch(request(pages.url("/file"))))
                .isInstanceOf(AccessDeniedException.class)
                .hasFieldOrPropertyWithValue("code", "web.scheme_not_allowed");
    }

    @Test
    void fetch_redirectOutsideTheDomainAllowList_refused() {
        resolves("docs.allowed.example", "127.0.0.1");
        pages.redirect("/leave", 302, "http://elsewhere.example/");
        WebPageRequest request = new WebPageRequest(URI.create("http://docs.allowed.example:" + pages.port() + "/leave"),
                Optional.of(List.of(DomainName.parse("allowed.example"))), OptionalLong.empty());

        assertThatThrownBy(() -> allowingPageServer().fetch(request))
                .isInstanceOf(AccessDeniedException.class)
                .hasFieldOrPropertyWithValue("code", "web.domain_not_allowed")
                .hasMessageContaining("elsewhere.example").hasMessageContaining("allowed.example");
        assertThat(pages.paths).containsExactly("/leave");
    }

    @Test
    void fetch_nonHttpScheme_refused() {
        assertThatThrownBy(() -> production().fetch(request("ftp://example.org/file")))
                .isInstanceOf(AccessDeniedException.class)
                .hasFieldOrPropertyWithValue("code", "web.scheme_not_allowed");
    }

    @Test
    void fetch_bodyLargerThanTheLimit_truncatedWithANote() {
        pages.page("/big", "text/plain", "x".repeat(5_000), true);
        HttpWebPageAdapter small = adapter(WebSettings.defaults().withFetchMaxBytes(1_024), OptionalInt.of(pages.port()));

        WebPage page = small.fetch(request(pages.url("/big")));

        assertThat(page.truncated()).isTrue();
        assertThat(page.bytesRead()).isEqualTo(1_024);
        assertThat(page.content()).startsWith("x".repeat(1_024) + "\n\n[Truncated").contains("1024 bytes");
    }

    @Test
    void fetch_requestCapSmallerThanTheSetting_theSmallerWins() {
        pages.page("/big", "text/plain", "y".repeat(5_000), false);

        WebPage page = allowingPageServer().fetch(new WebPageRequest(URI.create(pages.url("/big")), Optional.empty(),
                OptionalLong.of(100)));

        assertThat(page.bytesRead()).isEqualTo(100);
        assertThat(page.truncated()).isTrue();
    }

    @Test
    void fetch_binaryContent_refusedAsUnsupported() {
        pages.page("/image", "image/png", "\u0089PNG", false);

        assertThatThrownBy(() -> allowingPageServer().fetch(request(pages.url("/image"))))
                .isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("code", "web.unsupported_content_type")
                .hasMessageContaining("image/png");
    }

    @Test
    void fetch_serverThatNeverAnswers_timesOutWithinTheTotalLimit() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    accepted.add(silent.accept());
                } catch (IOException closed) {
                    // The test is over.
                }
            });
            acceptor.start();
            HttpWebPageAdapter adapter = adapter(WebSettings.defaults().withTimeout(Duration.ofSeconds(1)),
                    OptionalInt.of(silent.getLocalPort()));

            assertThatThrownBy(() -> adapter.fetch(request("http://127.0.0.1:" + silent.getLocalPort() + "/")))
                    .isInstanceOf(UnavailableException.class)
                    .hasFieldOrPropertyWithValue("code", "web.timeout");
        }
    }

    @Test
    void fetch_unknownHost_clearError() {
        dns.clear();
        HttpWebPageAdapter adapter = adapter(WebSettings.defaults(), OptionalInt.empty());

        assertThatThrownBy(() -> adapter.fetch(request("http://no-such-host.invalid/")))
                .isInstanceOf(DomainException.class)
                .hasFieldOrPropertyWithValue("code", "web.host_not_found");
    }

    @Test
    void forTestsAllowingLoopbackPort_notAPort_refused() {
        assertThatThrownBy(() -> HttpWebPageAdapter.forTestsAllowingLoopbackPort(WebSettings.defaults(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
