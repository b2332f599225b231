package ai.aegis.adapters.identity;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A real HTTP JWKS endpoint on 127.0.0.1 whose key set a test can change, count, or take down. */
final class JwksTestServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicReference<String> jwks = new AtomicReference<>("{\"keys\":[]}");
    private final AtomicInteger requests = new AtomicInteger();

    JwksTestServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/jwks.json", exchange -> {
            requests.incrementAndGet();
            byte[] body = jwks.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Publishes the public halves of these keys. */
    void publish(List<JWK> keys) {
        jwks.set(new JWKSet(keys.stream().map(JWK::toPublicJWK).toList()).toString(true));
    }

    URL url() {
        try {
            return new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    int requests() {
        return requests.get();
    }

    /** Takes the endpoint down (connections are refused from now on). */
    void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
