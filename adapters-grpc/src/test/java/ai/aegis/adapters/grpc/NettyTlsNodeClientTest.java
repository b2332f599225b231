package ai.aegis.adapters.grpc;

import static ai.aegis.adapters.grpc.GrpcTestBed.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.adapters.grpc.node.GrpcNodeClient;
import ai.aegis.adapters.grpc.node.NodeExecution;
import ai.aegis.adapters.grpc.node.NodeExecutionEvent;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.UnauthenticatedException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.iteration.IterationEventKind;
import ai.aegis.domain.node.NodeId;
import ai.aegis.domain.seal.SealAgentKey;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Netty server with TLS (certificates made by the JDK's keytool in the test) and the node
 * client: mutual TLS alone authenticates a node, the node token works over TLS without a client
 * certificate, neither is refused; then the client drives a whole execution.
 */
class NettyTlsNodeClientTest {

    @TempDir
    Path dir;

    private final GrpcTestBed bed = new GrpcTestBed();
    private GrpcServerHost host;
    private Path serverCert;
    private Path clientCert;
    private Path clientKey;

    @BeforeEach
    void start() throws Exception {
        serverCert = dir.resolve("server.crt");
        Path serverKey = dir.resolve("server.key");
        clientCert = dir.resolve("client.crt");
        clientKey = dir.resolve("client.key");
        selfSigned("server", "CN=localhost", "san=ip:127.0.0.1,dns:localhost", serverCert, serverKey);
        selfSigned("client", "CN=node-1", null, clientCert, clientKey);
        host = GrpcServerHost.start("127.0.0.1", 0, bed.services,
                Optional.of(new GrpcTls(serverCert, serverKey, Optional.of(clientCert))));
    }

    @AfterEach
    void stop() {
        host.close();
        bed.close();
    }

    private GrpcNodeClient client(Optional<String> token, boolean withCertificate) {
        return GrpcNodeClient.connectTls("127.0.0.1", host.port(), NodeId.of("node-1"), token, serverCert,
                withCertificate ? Optional.of(clientCert) : Optional.empty(),
                withCertificate ? Optional.of(clientKey) : Optional.empty());
    }

    @Test
    void register_mutualTlsWithoutToken_accepted() {
        try (GrpcNodeClient client = client(Optional.empty(), true)) {
            Duration ttl = client.register(2, Map.of("zone", "eu"), Set.of("python:3.12"), Set.of());

            assertThat(ttl).isEqualTo(GrpcTestBed.LEASE_TTL);
            assertThat(bed.registry.list()).hasSize(1);
        }
    }

    @Test
    void register_tlsWithTokenNoCertificate_accepted_withNeither_refused() {
        try (GrpcNodeClient withToken = client(Optional.of(GrpcTestBed.NODE_SECRET), false);
             GrpcNodeClient withNothing = client(Optional.empty(), false)) {
            withToken.register(2, Map.of(), Set.of(), Set.of());

            assertThatThrownBy(() -> withNothing.register(2, Map.of(), Set.of(), Set.of()))
                    .isInstanceOfSatisfying(UnauthenticatedException.class,
                            e -> assertThat(e.code()).isEqualTo("node.credential_missing"));
        }
    }

    @Test
    void client_drivesAnExecution_claimBeginReportSpawnWatchComplete() throws Exception {
        Execution root = bed.startRoot(user("alice", ZaruTier.PRO));
        try (GrpcNodeClient client = client(Optional.empty(), true)) {
            client.register(4, Map.of(), Set.of("python:3.12"), Set.of());
            List<NodeExecution> claimed = client.claim(5);
            assertThat(claimed).extracting(NodeExecution::id).containsExactly(root.id());

            GrpcNodeClient.ForExecution run = client.begin(root.id(),
                    SealAgentKey.fromPublicKey(bed.agent.getPublic()));
            List<NodeExecutionEvent> seen = new CopyOnWriteArrayList<>();
            CountDownLatch completed = new CountDownLatch(1);
            AutoCloseable watch = run.watch(event -> {
                seen.add(event);
                if (event.executionId().equals(root.id()) && event.to().orElse(null) == ExecutionStatus.COMPLETED) {
                    completed.countDown();
                }
            }, end -> { });
            String sentence = run.report(IterationEventKind.VALIDATION_FAILED, Optional.of("the import"));
            NodeExecution child = run.spawn(Optional.empty(), Optional.empty(), OptionalLong.empty(), OptionalInt.of(2));
            assertThatThrownBy(() -> run.spawn(Optional.empty(), Optional.empty(),
                    OptionalLong.of(run.execution().memoryBytes() + 1), OptionalInt.empty()))
                    .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.code()).isEqualTo("ceiling.memory"));
            run.complete(Optional.of("the tests pass"));

            assertThat(completed.await(10, TimeUnit.SECONDS)).isTrue();
            watch.close();
            assertThat(sentence).isEqualTo("Attempt 1 of 10: the tests failed, so the agent is fixing the import and trying again.");
            assertThat(child.maxIterations()).isEqualTo(2);
            assertThat(client.heartbeat()).contains(root.id());
            assertThat(seen).anySatisfy(event -> assertThat(event.sentence()).isPresent());
        }
    }

    @Test
    void client_revokedToken_refusalArrivesAsDomainException() {
        Execution root = bed.startRoot(user("alice", ZaruTier.PRO));
        try (GrpcNodeClient client = client(Optional.empty(), true)) {
            client.register(4, Map.of(), Set.of(), Set.of());
            client.claim(1);
            GrpcNodeClient.ForExecution run = client.begin(root.id(), SealAgentKey.fromPublicKey(bed.agent.getPublic()));
            run.cancel();

            assertThatThrownBy(run::get).isInstanceOfSatisfying(DomainException.class,
                    e -> assertThat(e.code()).isEqualTo("seal.token_revoked"));
        }
    }

    private void selfSigned(String alias, String dname, String san, Path certificate, Path key) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", alias,
                "-keyalg", "RSA", "-keysize", "2048", "-dname", dname, "-validity", "2", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit"));
        if (san != null) {
            command.addAll(List.of("-ext", san));
        }
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = keytool.getInputStream().readAllBytes();
        if (keytool.waitFor() != 0) {
            throw new IOException("keytool failed: " + new String(output, StandardCharsets.UTF_8));
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(store.toFile())) {
            keyStore.load(in, "changeit".toCharArray());
        }
        Certificate cert = keyStore.getCertificate(alias);
        PrivateKey privateKey = (PrivateKey) keyStore.getKey(alias, "changeit".toCharArray());
        Files.writeString(certificate, pem("CERTIFICATE", cert.getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
