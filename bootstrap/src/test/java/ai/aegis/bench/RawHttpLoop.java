package ai.aegis.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The cheap client of {@link McpLoadDriver}: every session's closed loop on one thread, over
 * non-blocking sockets with hand-built HTTP/1.1 requests and a response parser that only finds
 * where each response ends (Content-Length or chunked) and whether it carries a JSON-RPC
 * {@code "result"}. It spends a small fraction of the CPU {@link java.net.http.HttpClient} needs
 * per request (no per-request objects beyond the request bytes, no thread per session), so that
 * on a machine shared with the server most of the cores go to the server being measured.
 */
final class RawHttpLoop {

    /** One session: its connection, the request in flight and what has come back of the response. */
    private static final class Connection {
        final SocketChannel channel;
        final String headers;
        ByteBuffer out;
        byte[] in = new byte[64 * 1024];
        int length;
        long started;
        int nextId = 10;

        Connection(SocketChannel channel, String headers) {
            this.channel = channel;
            this.headers = headers;
        }
    }

    private RawHttpLoop() {
    }

    /**
     * Runs every session's loop for {@code seconds}; returns the latency of every request answered
     * in that time and how many of them were not a 200 with a JSON-RPC result.
     *
     * @param sessionHeaders per session, the request head up to (not including) Content-Length
     * @param body           the JSON-RPC request for a given id
     */
    static long[][] run(URI base, List<String> sessionHeaders, IntFunction<String> body, int seconds)
            throws IOException {
        long errors = 0;
        long[] samples = new long[1 << 18];
        int n = 0;
        try (Selector selector = Selector.open()) {
            List<Connection> connections = new ArrayList<>();
            for (String head : sessionHeaders) {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress(base.getHost(), base.getPort()));
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                Connection connection = new Connection(channel, head);
                channel.register(selector, SelectionKey.OP_WRITE, connection);
                connections.add(connection);
            }
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            for (Connection connection : connections) {
                send(connection, body);
            }
            while (System.nanoTime() < end) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection connection = (Connection) key.attachment();
                    if (key.isWritable()) {
                        connection.channel.write(connection.out);
                        if (!connection.out.hasRemaining()) {
                            key.interestOps(SelectionKey.OP_READ);
                        }
                    } else if (key.isReadable()) {
                        int complete = read(connection);
                        if (complete < 0) {
                            continue;
                        }
                        long took = System.nanoTime() - connection.started;
                        if (complete == 0) {
                            errors++;
                        }
                        if (n == samples.length) {
                            samples = Arrays.copyOf(samples, n * 2);
                        }
                        samples[n++] = took;
                        connection.length = 0;
                        send(connection, body);
                        connection.channel.write(connection.out);
                        key.interestOps(connection.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                    }
                }
                selector.selectedKeys().clear();
            }
            for (Connection connection : connections) {
                connection.channel.close();
            }
        }
        return new long[][] {Arrays.copyOf(samples, n), {errors}};
    }

    private static void send(Connection connection, IntFunction<String> body) {
        byte[] json = body.apply(connection.nextId++).getBytes(StandardCharsets.UTF_8);
        byte[] head = (connection.headers + "Content-Length: " + json.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(head.length + json.length);
        out.put(head).put(json).flip();
        connection.out = out;
        connection.started = System.nanoTime();
    }

    /** Reads what is there; -1 while the response is incomplete, 1 for a 200 with a result, 0 otherwise. */
    private static int read(Connection connection) throws IOException {
        while (true) {
            if (connection.length == connection.in.length) {
                connection.in = Arrays.copyOf(connection.in, connection.in.length * 2);
            }
            ByteBuffer buffer = ByteBuffer.wrap(connection.in, connection.length, connection.in.length - connection.length);
            int read = connection.channel.read(buffer);
            if (read < 0) {
                throw new IOException("the server closed a session's connection");
            }
            if (read == 0) {
                break;
            }
            connection.length += read;
        }
        return complete(connection.in, connection.length);
    }

    static int complete(byte[] in, int length) {
        int headEnd = indexOf(in, 0, length, "\r\n\r\n");
        if (headEnd < 0) {
            return -1;
        }
        String head = new String(in, 0, headEnd, StandardCharsets.ISO_8859_1);
        int bodyStart = headEnd + 4;
        int bodyEnd;
        String lower = head.toLowerCase(java.util.Locale.ROOT);
        int contentLength = lower.indexOf("\r\ncontent-length:");
        if (contentLength >= 0) {
            int valueEnd = lower.indexOf("\r\n", contentLength + 2);
            int size = Integer.parseInt(lower.substring(contentLength + 17, valueEnd < 0 ? lower.length() : valueEnd).trim());
            bodyEnd = bodyStart + size;
            if (length < bodyEnd) {
                return -1;
            }
        } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
            bodyEnd = chunkedEnd(in, bodyStart, length);
            if (bodyEnd < 0) {
                return -1;
            }
        } else {
            bodyEnd = bodyStart;
        }
        boolean ok = head.startsWith("HTTP/1.1 200") && indexOf(in, bodyStart, Math.min(bodyEnd, bodyStart + 512),
                "\"result\"") >= 0;
        return ok ? 1 : 0;
    }

    /** Where a chunked body ends (after its last chunk and trailer), or -1 when it has not all arrived. */
    private static int chunkedEnd(byte[] in, int from, int length) {
        int at = from;
        while (true) {
            int lineEnd = indexOf(in, at, length, "\r\n");
            if (lineEnd < 0) {
                return -1;
            }
            String sizeText = new String(in, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int semicolon = sizeText.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeText : sizeText.substring(0, semicolon)).trim(), 16);
            at = lineEnd + 2;
            if (size == 0) {
                int trailerEnd = indexOf(in, at, length, "\r\n");
                // No trailers: the terminating empty line follows the last chunk directly.
                return trailerEnd == at ? at + 2 : (trailerEnd < 0 ? -1 : indexOf(in, at, length, "\r\n\r\n") < 0 ? -1
                        : indexOf(in, at, length, "\r\n\r\n") + 4);
            }
            at += size + 2;
            if (at > length) {
                return -1;
            }
        }
    }

    private static int indexOf(byte[] in, int from, int to, String ascii) {
        int last = to - ascii.length();
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < ascii.length(); j++) {
                if (in[i + j] != ascii.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
