package ai.aegis.bootstrap.node;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.execution.ExecutionId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxToolSocketTest {

    private static final ExecutionId EXECUTION = ExecutionId.of("exec-socket-test");

    @TempDir
    Path root;

    private final List<String> calls = new CopyOnWriteArrayList<>();

    private final SealToolChannel channel = (execution, tool, arguments) -> {
        calls.add(execution.value() + " " + tool + " " + arguments);
        if (tool.equals("fs.read")) {
            throw new AccessDeniedException("policy.path_outside", "path /etc/passwd is outside the allow-list");
        }
        return "{\"echo\":" + arguments + "}";
    };

    @Test
    void call_allowedTool_answersTheResultOnOneLine() throws IOException {
        try (SandboxToolSocket socket = open(); Client client = new Client(socket)) {
            String answer = client.ask("{\"tool\":\"fs.write\",\"arguments\":{\"path\":\"a.txt\",\"content\":\"x\"}}");

            assertThat(answer).isEqualTo("{\"ok\":true,\"result\":{\"echo\":{\"path\":\"a.txt\",\"content\":\"x\"}}}");
            assertThat(calls).containsExactly("exec-socket-test fs.write {\"path\":\"a.txt\",\"content\":\"x\"}");
        }
    }

    @Test
    void call_refusedBySeal_answersTheCodeAndSentence() throws IOException {
        try (SandboxToolSocket socket = open(); Client client = new Client(socket)) {
            String answer = client.ask("{\"tool\":\"fs.read\",\"arguments\":{\"path\":\"/etc/passwd\"}}");

            assertThat(answer).isEqualTo("{\"ok\":false,\"error\":\"policy.path_outside\","
                    + "\"message\":\"path /etc/passwd is outside the allow-list\"}");
        }
    }

    @Test
    void call_notJson_refusedWithoutReachingTheChannelAndTheConnectionStaysUsable() throws IOException {
        try (SandboxToolSocket socket = open(); Client client = new Client(socket)) {
            String bad = client.ask("fs.write please");
            String noTool = client.ask("{\"arguments\":{}}");
            String good = client.ask("{\"tool\":\"fs.list\"}");

            assertThat(bad).contains("\"error\":\"tool.request_invalid\"");
            assertThat(noTool).contains("\"error\":\"tool.request_invalid\"").contains("names no tool");
            assertThat(good).isEqualTo("{\"ok\":true,\"result\":{\"echo\":{}}}");
            assertThat(calls).hasSize(1);
        }
    }

    @Test
    void open_socketDirectory_privateParentOnlyTheOwnerCanEnter() throws IOException {
        try (SandboxToolSocket socket = open()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.directory().getParent())))
                    .isEqualTo("rwx------");
            assertThat(socket.directory().resolve(SandboxToolSocket.SOCKET_NAME)).exists();
        }
    }

    @Test
    void close_afterUse_removesTheSocketAndItsDirectories() throws IOException {
        SandboxToolSocket socket = open();
        Path directory = socket.directory();

        socket.close();

        assertThat(directory).doesNotExist();
        assertThat(directory.getParent()).doesNotExist();
    }

    private SandboxToolSocket open() throws IOException {
        return SandboxToolSocket.open(Files.createTempDirectory(root, "tools-"), EXECUTION, channel);
    }

    private static final class Client implements AutoCloseable {

        private final SocketChannel connection;
        private final BufferedReader in;
        private final OutputStream out;

        Client(SandboxToolSocket socket) throws IOException {
            connection = SocketChannel.open(StandardProtocolFamily.UNIX);
            connection.connect(UnixDomainSocketAddress.of(socket.directory().resolve(SandboxToolSocket.SOCKET_NAME)));
            in = new BufferedReader(new InputStreamReader(Channels.newInputStream(connection), StandardCharsets.UTF_8));
            out = Channels.newOutputStream(connection);
        }

        String ask(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            connection.close();
        }
    }
}
