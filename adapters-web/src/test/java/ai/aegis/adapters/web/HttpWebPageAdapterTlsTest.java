package ai.aegis.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.out.WebPage;
import ai.aegis.application.port.out.WebPageRequest;
import ai.aegis.domain.error.UnavailableException;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS to a name the adapter resolves itself: the connection goes to the checked address while the
 * TLS server name (SNI), the certificate check and the Host header all use the URL's host. The
 * server's certificate (for {@code pages.example} only) is made with the JDK's keytool.
 */
class HttpWebPageAdapterTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path directory;

    private static HttpsServer server;
    private static SSLContext clientTls;
    private static final List<String> serverNames = new CopyOnWriteArrayList<>();
    private static final List<String> hostHeaders = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException, InterruptedException, GeneralSecurityException {
        Path keystore = directory.resolve("pages.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "pages", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=pages.example", "-ext", "SAN=dns:pages.example", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, trust.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/secure", exchange -> {
            ExtendedSSLSession session = (ExtendedSSLSession) ((HttpsExchange) exchange).getSSLSession();
            for (SNIServerName name : session.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    serverNames.add(host.getAsciiName());
                }
            }
            hostHeaders.add(exchange.getRequestHeaders().getFirst("Host"));
            byte[] body = "<html><body><p>secret garden</p></body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static HttpWebPageAdapter adapter() {
        Map<String, String> dns = Map.of("pages.example", "127.0.0.1", "impostor.example", "127.0.0.1");
        HostResolver resolver = host -> new InetAddress[] {InetAddress.getByName(dns.get(host))};
        return new HttpWebPageAdapter(WebSettings.defaults(), resolver, clientTls.getSocketFactory(),
                OptionalInt.of(server.getAddress().getPort()));
    }

    private static WebPageRequest request(String host) {
        return new WebPageRequest(URI.create("https://" + host + ":" + server.getAddress().getPort() + "/secure"),
                Optional.empty(), OptionalLong.empty());
    }

    @Test
    void fetch_httpsToAResolvedName_sendsTheNameAsSniAndHostAndVerifiesTheCertificateForIt() {
        WebPage page = adapter().fetch(request("pages.example"));

        assertThat(page.content()).isEqualTo("secret garden");
        assertThat(serverNames).contains("pages.example");
        assertThat(hostHeaders).contains("pages.example:" + server.getAddress().getPort());
    }

    @Test
    void fetch_certificateForAnotherName_refusedAsAFailedSecureConnection() {
        assertThatThrownBy(() -> adapter().fetch(request("impostor.example")))
                .isInstanceOf(UnavailableException.class)
                .hasFieldOrPropertyWithValue("code", "web.fetch_failed")
                .hasMessageContaining("secure connection to impostor.example");
    }
}
