package ai.aegis.adapters.web;

import ai.aegis.application.port.out.WebPage;
import ai.aegis.application.port.out.WebPagePort;
import ai.aegis.application.port.out.WebPageRequest;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.UnavailableException;
import ai.aegis.domain.security.DomainName;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * {@code web.fetch} over plain sockets, so that the address connected to is exactly the address
 * checked. For the URL and each redirect (at most {@value #MAX_REDIRECTS}): only http and https;
 * the host must pass the request's domain allow-list; cloud metadata host names are refused by
 * name; the host is resolved here, and refused when <em>any</em> of its addresses is not public
 * ({@link PublicAddresses}); the connection goes to one of those checked addresses, with the URL's
 * host in the {@code Host} header and as the TLS server name (SNI), and the certificate is verified
 * against that host name. A redirect is never followed blindly: its target goes through every
 * check again, so DNS rebinding or a redirect to an internal address gains nothing.
 *
 * <p>Limits: the connection must open within the connect timeout, and the whole fetch (every hop)
 * must end within the total timeout — each read waits at most the time left. At most the size limit
 * of body bytes (after content decoding) is read: the smaller of {@link WebSettings#fetchMaxBytes()}
 * and the request's cap; a longer body is cut there and the content ends with a note saying so.
 *
 * <p>Tests need a page server on the loopback interface, which production must never reach: only
 * {@link #forTestsAllowingLoopbackPort} lifts the loopback refusal, for one port, and nothing reads
 * it from configuration, environment or any caller's input (an architecture test checks that no
 * production class calls it).
 */
public final class HttpWebPageAdapter implements WebPagePort {

    /** How many redirects one fetch follows. */
    public static final int MAX_REDIRECTS = 5;

    static final String USER_AGENT = "AEGIS-web.fetch/1.0 (+https://zaru.ai)";

    /**
     * Runs DNS lookups (see {@link #resolve}): at most 16 at once, queued lookups wait within their
     * fetch's time limit; daemon threads, so an abandoned lookup never holds the JVM.
     */
    private static final ThreadPoolExecutor LOOKUPS = lookupPool();

    private final WebSettings settings;
    private final HostResolver resolver;
    private final SSLSocketFactory tls;
    private final OptionalInt testLoopbackPort;

    /** The production adapter: public addresses only. */
    public HttpWebPageAdapter(WebSettings settings) {
        this(settings, HostResolver.SYSTEM, defaultTls(), OptionalInt.empty());
    }

    HttpWebPageAdapter(WebSettings settings, HostResolver resolver, SSLSocketFactory tls, OptionalInt testLoopbackPort) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.testLoopbackPort = Objects.requireNonNull(testLoopbackPort, "testLoopbackPort");
    }

    /**
     * FOR TESTS ONLY: an adapter that may also connect to the loopback interface on {@code port}
     * (the test's own page server); every other refusal, other loopback ports included, stays.
     * Production wiring never calls this.
     */
    public static HttpWebPageAdapter forTestsAllowingLoopbackPort(WebSettings settings, int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
        return new HttpWebPageAdapter(settings, HostResolver.SYSTEM, defaultTls(), OptionalInt.of(port));
    }

    private static ThreadPoolExecutor lookupPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(16, 16, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1_000),
                task -> {
                    Thread thread = new Thread(task, "aegis-web-dns");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static SSLSocketFactory defaultTls() {
        try {
            return SSLContext.getDefault().getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no default TLS context", e);
        }
    }

    @Override
    public WebPage fetch(WebPageRequest request) {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        long cap = Math.min(settings.fetchMaxBytes(), request.maxBytes().orElse(Long.MAX_VALUE));
        URI current = request.url();
        for (int redirects = 0; ; redirects++) {
            Target target = check(current, request, deadline);
            try (Exchange exchange = open(target, deadline)) {
                HttpResponseReader.Head head = exchange.head();
                Optional<String> location = head.header("location");
                if (isRedirect(head.status()) && location.isPresent()) {
                    if (redirects == MAX_REDIRECTS) {
                        throw new LimitExceededException("web.too_many_redirects", request.url() + " redirected more than "
                                + MAX_REDIRECTS + " times; fetch the final address directly");
                    }
                    current = redirectTarget(current, location.get());
                    continue;
                }
                return page(request.url(), current, head, exchange.body(head, cap), cap);
            } catch (SocketTimeoutException e) {
                throw timedOut(current);
            } catch (SSLException e) {
                throw new UnavailableException("web.fetch_failed", "the secure connection to " + current.getHost()
                        + " failed (" + safeMessage(e) + ")", e);
            } catch (IOException e) {
                throw new UnavailableException("web.fetch_failed", "fetching " + current.getHost() + " failed ("
                        + safeMessage(e) + ")", e);
            }
        }
    }

    /** Where a hop may connect: scheme, allow-list, metadata names and every resolved address checked. */
    private Target check(URI url, WebPageRequest request, long deadline) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new AccessDeniedException("web.scheme_not_allowed", "web.fetch only follows http and https URLs; "
                    + "this one is " + (scheme.isEmpty() ? "without a scheme" : "a " + scheme + " URL"));
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new InvalidInputException("web.invalid_url", "the URL " + url + " has no host name");
        }
        if (url.getRawUserInfo() != null) {
            throw new InvalidInputException("web.invalid_url", "URLs with a user name or password are not fetched");
        }
        if (request.allowedDomains().isPresent()) {
            DomainName name;
            try {
                name = DomainName.parse(host);
            } catch (InvalidInputException e) {
                throw notAllowed(host, request);
            }
            if (!request.allowsHost(name)) {
                throw notAllowed(host, request);
            }
        }
        Optional<String> byName = PublicAddresses.refusedHostName(host);
        if (byName.isPresent()) {
            throw refused(url, byName.get());
        }
        int port = url.getPort() >= 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        InetAddress[] addresses = resolve(host, url, deadline);
        if (addresses.length == 0) {
            throw new UnavailableException("web.host_not_found", "the host " + host + " has no addresses (DNS)");
        }
        for (InetAddress address : addresses) {
            if (testLoopbackPort.isPresent() && testLoopbackPort.getAsInt() == port && PublicAddresses.isLoopback(address)) {
                continue;
            }
            Optional<String> why = PublicAddresses.whyRefused(address);
            if (why.isPresent()) {
                throw refused(url, why.get());
            }
        }
        return new Target(url, scheme.equals("https"), host, port, List.of(addresses));
    }

    /**
     * Resolves on a helper thread so the lookup counts against the total time limit (the system
     * resolver has no timeout of its own); a lookup still running when time is up is abandoned.
     */
    private InetAddress[] resolve(String host, URI url, long deadline) {
        Future<InetAddress[]> lookup;
        try {
            lookup = LOOKUPS.submit(() -> resolver.resolve(host));
        } catch (RejectedExecutionException e) {
            throw new UnavailableException("web.fetch_failed", "too many web fetches are looking up host names right "
                    + "now; try again shortly");
        }
        try {
            return lookup.get(remainingMillis(deadline, url), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException) {
                throw new UnavailableException("web.host_not_found", "the host " + host + " could not be found (DNS)");
            }
            throw new UnavailableException("web.host_not_found", "the host " + host + " could not be looked up (DNS)",
                    e.getCause());
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw timedOut(url);
        } catch (InterruptedException e) {
            lookup.cancel(true);
            Thread.currentThread().interrupt();
            throw new UnavailableException("web.fetch_failed", "the fetch of " + host + " was interrupted");
        }
    }

    private static AccessDeniedException notAllowed(String host, WebPageRequest request) {
        List<String> allowed = new ArrayList<>();
        request.allowedDomains().orElse(List.of()).forEach(domain -> allowed.add(domain.value()));
        return new AccessDeniedException("web.domain_not_allowed", "host " + host + " is not in this context's domain "
                + "allow-list (" + (allowed.isEmpty() ? "none" : String.join(", ", allowed)) + ")");
    }

    private static AccessDeniedException refused(URI url, String why) {
        return new AccessDeniedException("web.address_refused", "web.fetch refused " + url.getScheme() + "://"
                + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "") + ": " + why
                + "; only public internet addresses are fetched");
    }

    private UnavailableException timedOut(URI url) {
        return new UnavailableException("web.timeout", "fetching " + url.getHost() + " took longer than the "
                + settings.timeout().toSeconds() + " seconds allowed");
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI redirectTarget(URI from, String location) {
        try {
            URI next = from.resolve(new URI(location.strip()));
            String path = next.getRawPath() == null || next.getRawPath().isEmpty() ? "/" : next.getRawPath();
            if (next.getScheme() == null || next.getRawAuthority() == null) {
                return next;
            }
            return new URI(next.getScheme().toLowerCase(Locale.ROOT) + "://" + next.getRawAuthority() + path
                    + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new UnavailableException("web.fetch_failed", from.getHost() + " redirected to an invalid URL");
        }
    }

    /** Opens the connection to a checked address and sends the request; the caller closes it. */
    private Exchange open(Target target, long deadline) throws IOException {
        IOException lastFailure = null;
        for (InetAddress address : target.addresses()) {
            long left = remainingMillis(deadline, target.url());
            Socket socket = new Socket();
            try {
                try {
                    socket.connect(new InetSocketAddress(address, target.port()),
                            (int) Math.max(1, Math.min(left, settings.connectTimeout().toMillis())));
                } catch (SocketTimeoutException e) {
                    closeQuietly(socket);
                    throw new UnavailableException("web.timeout", target.host() + " did not accept a connection within "
                            + settings.connectTimeout().toSeconds() + " seconds");
                }
                Socket connected = target.tls() ? secure(socket, target, deadline) : socket;
                Exchange exchange = new Exchange(connected, deadline, target.url());
                exchange.send(target);
                return exchange;
            } catch (SocketTimeoutException e) {
                closeQuietly(socket);
                throw e;
            } catch (SSLException e) {
                closeQuietly(socket);
                throw e;
            } catch (IOException e) {
                closeQuietly(socket);
                lastFailure = e;
            }
        }
        throw lastFailure != null ? lastFailure : new IOException("no address to connect to");
    }

    private SSLSocket secure(Socket socket, Target target, long deadline) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.createSocket(socket, target.host(), target.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isAddressLiteral(target.host())) {
            parameters.setServerNames(List.of(new SNIHostName(target.host())));
        }
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout((int) Math.max(1, remainingMillis(deadline, target.url())));
        ssl.startHandshake();
        return ssl;
    }

    private static boolean isAddressLiteral(String host) {
        return host.startsWith("[") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    private long remainingMillis(long deadline, URI url) {
        long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
        if (left <= 0) {
            throw timedOut(url);
        }
        return left;
    }

    private WebPage page(URI requested, URI answered, HttpResponseReader.Head head, Body body, long cap) {
        String rawType = head.header("content-type").orElse("");
        String mime = rawType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        Optional<String> charset = charsetOf(rawType);
        if (mime.isEmpty()) {
            mime = looksLikeHtml(body) ? "text/html" : "text/plain";
        }
        Optional<String> title = Optional.empty();
        String content;
        if (mime.equals("text/html") || mime.equals("application/xhtml+xml")) {
            HtmlToMarkdown.Converted converted = HtmlToMarkdown.convert(body.bytes(), body.length(), charset,
                    answered.toString());
            title = converted.title();
            content = converted.text();
        } else if (isText(mime)) {
            content = new String(body.bytes(), 0, body.length(), charset.flatMap(HttpWebPageAdapter::charsetFor)
                    .orElse(StandardCharsets.UTF_8));
        } else {
            throw new InvalidInputException("web.unsupported_content_type", answered.getHost() + " answered with "
                    + mime + ", which web.fetch cannot turn into text (it reads HTML, text, JSON and XML)");
        }
        boolean truncated = body.truncated();
        if (content.length() > cap) {
            content = content.substring(0, (int) cap);
            truncated = true;
        }
        if (truncated) {
            content = content + "\n\n[Truncated: only the first " + cap + " bytes of this page were read; "
                    + "that is the size limit of web.fetch here.]";
        }
        return new WebPage(requested, answered, head.status(), mime, title, content, body.length(), truncated);
    }

    private static boolean isText(String mime) {
        return mime.startsWith("text/") || mime.equals("application/json") || mime.endsWith("+json")
                || mime.equals("application/xml") || mime.endsWith("+xml") || mime.equals("application/javascript")
                || mime.equals("application/yaml") || mime.equals("application/x-yaml")
                || mime.equals("application/x-ndjson");
    }

    private static boolean looksLikeHtml(Body body) {
        String start = new String(body.bytes(), 0, Math.min(body.length(), 512), StandardCharsets.ISO_8859_1)
                .stripLeading().toLowerCase(Locale.ROOT);
        return start.startsWith("<!doctype html") || start.startsWith("<html") || start.startsWith("<head")
                || start.startsWith("<body");
    }

    private static Optional<String> charsetOf(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                String name = pair[1].strip().replace("\"", "").replace("'", "");
                if (charsetFor(name).isPresent()) {
                    return Optional.of(name);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Charset> charsetFor(String name) {
        try {
            return Optional.of(Charset.forName(name));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }

    private static String safeMessage(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.length() > 200 ? message.substring(0, 200) : message;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a failed connection: nothing left to do with it.
        }
    }

    /** A hop that passed every check: where to connect and what to call the host. */
    private record Target(URI url, boolean tls, String host, int port, List<InetAddress> addresses) {
    }

    /** The first bytes of a body (at most the cap) and whether more followed. */
    private record Body(byte[] bytes, int length, boolean truncated) {
    }

    /** One request/response on its own connection; every read waits at most until the deadline. */
    private final class Exchange implements AutoCloseable {

        private final Socket socket;
        private final long deadline;
        private final URI url;
        private final InputStream in;
        private HttpResponseReader.Head head;

        Exchange(Socket socket, long deadline, URI url) throws IOException {
            this.socket = socket;
            this.deadline = deadline;
            this.url = url;
            this.in = new BufferedInputStream(new DeadlineInputStream(socket.getInputStream()));
        }

        void send(Target target) throws IOException {
            String path = target.url().getRawPath() == null || target.url().getRawPath().isEmpty() ? "/"
                    : target.url().getRawPath();
            String query = target.url().getRawQuery() == null ? "" : "?" + target.url().getRawQuery();
            int defaultPort = target.tls() ? 443 : 80;
            String hostHeader = target.host() + (target.port() == defaultPort ? "" : ":" + target.port());
            String request = "GET " + path + query + " HTTP/1.1\r\n"
                    + "Host: " + hostHeader + "\r\n"
                    + "User-Agent: " + USER_AGENT + "\r\n"
                    + "Accept: text/html,application/xhtml+xml,text/plain;q=0.9,application/json;q=0.9,*/*;q=0.5\r\n"
                    + "Accept-Encoding: gzip, deflate\r\n"
                    + "Connection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        HttpResponseReader.Head head() throws IOException {
            if (head == null) {
                head = HttpResponseReader.readHead(in);
            }
            return head;
        }

        Body body(HttpResponseReader.Head head, long cap) throws IOException {
            InputStream body = decoded(head, HttpResponseReader.body(head, in));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            long limit = Math.min(cap, Integer.MAX_VALUE - 16);
            boolean truncated = false;
            while (true) {
                int read = body.read(buffer);
                if (read < 0) {
                    break;
                }
                if (bytes.size() + (long) read > limit) {
                    bytes.write(buffer, 0, (int) (limit - bytes.size()));
                    truncated = true;
                    break;
                }
                bytes.write(buffer, 0, read);
            }
            return new Body(bytes.toByteArray(), bytes.size(), truncated);
        }

        private InputStream decoded(HttpResponseReader.Head head, InputStream body) throws IOException {
            String coding = head.header("content-encoding").orElse("identity").strip().toLowerCase(Locale.ROOT);
            switch (coding) {
                case "identity":
                case "":
                    return body;
                case "gzip":
                case "x-gzip":
                    return new GZIPInputStream(body);
                case "deflate":
                    return new InflaterInputStream(body);
                default:
                    throw new HttpResponseReader.MalformedResponseException("the server used the content coding "
                            + coding + ", which web.fetch does not read");
            }
        }

        @Override
        public void close() {
            closeQuietly(socket);
        }

        /** Sets the socket's read timeout to the time left before every read. */
        private final class DeadlineInputStream extends InputStream {

            private final InputStream raw;

            DeadlineInputStream(InputStream raw) {
                this.raw = raw;
            }

            @Override
            public int read() throws IOException {
                arm();
                return raw.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                arm();
                return raw.read(buffer, offset, length);
            }

            private void arm() throws IOException {
                long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
                if (left <= 0) {
                    throw new SocketTimeoutException("the total time limit passed");
                }
                socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
            }
        }
    }
}
