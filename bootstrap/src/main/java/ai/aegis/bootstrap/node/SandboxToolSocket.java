package ai.aegis.bootstrap.node;

import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.execution.ExecutionId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tool-call socket of one running execution: a Unix domain socket in a directory of its own,
 * bind-mounted into the sandbox at {@value #INSIDE_DIRECTORY} (it works without any network). The
 * program writes one JSON object per line, {@code {"tool": "fs.write", "arguments": {…}}}, and reads
 * one answer per line: {@code {"ok": true, "result": {…}}} or {@code {"ok": false, "error": "<code>",
 * "message": "<sentence>"}}. Every call goes through the {@link SealToolChannel}. Lines are limited to
 * {@value #MAX_LINE_CHARS} characters and at most {@value #MAX_CONNECTIONS} connections are served at once.
 */
final class SandboxToolSocket implements AutoCloseable {

    static final String INSIDE_DIRECTORY = "/run/aegis";
    static final String SOCKET_NAME = "tools.sock";
    static final int MAX_LINE_CHARS = 2 * 1024 * 1024;
    static final int MAX_CONNECTIONS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(SandboxToolSocket.class);
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final Path directory;
    private final ServerSocketChannel server;
    private final ExecutorService connections;

    private SandboxToolSocket(Path directory, ServerSocketChannel server, ExecutorService connections) {
        this.directory = directory;
        this.server = server;
        this.connections = connections;
    }

    /**
     * Opens the socket of {@code execution} in a new directory inside {@code privateParent}, which must
     * be reachable by this process only (mode 0700): the socket is the execution's capability, so no
     * other user of the host may reach it; inside the sandbox only the socket's own directory is bound.
     */
    static SandboxToolSocket open(Path privateParent, ExecutionId execution, SealToolChannel channel) {
        Objects.requireNonNull(channel, "channel");
        try {
            Files.setPosixFilePermissions(privateParent, PosixFilePermissions.fromString("rwx------"));
            Path directory = Files.createDirectory(privateParent.resolve("channel"));
            // The program may run as another user (nobody, when the node is root): it needs to pass through.
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path socket = directory.resolve(SOCKET_NAME);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            // The program may run as another user (nobody, when the node is root); connecting needs write access.
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
            ExecutorService connections = Executors.newFixedThreadPool(MAX_CONNECTIONS + 1, task -> {
                Thread thread = new Thread(task, "tool-socket-" + execution.value());
                thread.setDaemon(true);
                return thread;
            });
            SandboxToolSocket opened = new SandboxToolSocket(directory, server, connections);
            connections.execute(() -> opened.accept(execution, channel));
            return opened;
        } catch (IOException e) {
            throw new UncheckedIOException("the tool socket of " + execution + " could not be opened", e);
        }
    }

    /** The host directory to bind-mount at {@value #INSIDE_DIRECTORY}. */
    Path directory() {
        return directory;
    }

    private void accept(ExecutionId execution, SealToolChannel channel) {
        while (server.isOpen()) {
            try {
                SocketChannel connection = server.accept();
                connections.execute(() -> serve(connection, execution, channel));
            } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                return;
            }
        }
    }

    private static void serve(SocketChannel connection, ExecutionId execution, SealToolChannel channel) {
        try (connection;
             BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(connection),
                     StandardCharsets.UTF_8));
             OutputStream out = Channels.newOutputStream(connection)) {
            String line;
            while ((line = in.readLine()) != null) {
                String answer = line.length() > MAX_LINE_CHARS
                        ? error("tool.request_too_large", "a request line is at most " + MAX_LINE_CHARS + " characters")
                        : answer(line, execution, channel);
                out.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            LOG.debug("a tool-socket connection of {} ended: {}", execution, e.getClass().getSimpleName());
        }
    }

    private static String answer(String line, ExecutionId execution, SealToolChannel channel) {
        Map<String, Object> request;
        try {
            request = JSON.readValue(line, OBJECT);
        } catch (RuntimeException e) {
            return error("tool.request_invalid", "a request is one JSON object per line: {\"tool\": …, \"arguments\": {…}}");
        }
        if (!(request.get("tool") instanceof String tool)) {
            return error("tool.request_invalid", "the request names no tool");
        }
        Object arguments = request.getOrDefault("arguments", Map.of());
        if (!(arguments instanceof Map<?, ?>)) {
            return error("tool.request_invalid", "the arguments must be a JSON object");
        }
        try {
            String result = channel.call(execution, tool, JSON.writeValueAsString(arguments));
            return "{\"ok\":true,\"result\":" + result + "}";
        } catch (DomainException refused) {
            return error(refused.code(), refused.getMessage());
        } catch (RuntimeException e) {
            LOG.info("a tool call of {} failed: {}", execution, e.getClass().getSimpleName());
            return error("tool.failed", "the tool call failed on the node");
        }
    }

    private static String error(String code, String message) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", false);
        answer.put("error", code);
        answer.put("message", message);
        return JSON.writeValueAsString(answer);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing a tool socket failed: {}", e.getMessage());
        }
        connections.shutdownNow();
        try {
            Files.deleteIfExists(directory.resolve(SOCKET_NAME));
            Files.deleteIfExists(directory);
            Files.deleteIfExists(directory.getParent());
        } catch (IOException e) {
            LOG.debug("removing a tool socket failed: {}", e.getMessage());
        }
    }
}
