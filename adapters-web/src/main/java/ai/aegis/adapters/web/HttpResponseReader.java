package ai.aegis.adapters.web;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one HTTP/1.1 response from a stream: the status line and headers (bounded in size), then a
 * body stream that undoes chunked transfer coding or stops at Content-Length. Only what a GET with
 * {@code Connection: close} needs.
 */
final class HttpResponseReader {

    static final int MAX_LINE = 16 * 1024;
    static final int MAX_HEADER_BYTES = 64 * 1024;
    static final int MAX_HEADERS = 200;

    /** The status and the headers (names lower-cased; repeated headers joined with ", "). */
    record Head(int status, Map<String, String> headers) {

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }
    }

    private HttpResponseReader() {
    }

    /** Reads the head of the final response, skipping interim 1xx responses. */
    static Head readHead(InputStream in) throws IOException {
        while (true) {
            Head head = readOneHead(in);
            if (head.status() >= 200 || head.status() == 101) {
                return head;
            }
        }
    }

    private static Head readOneHead(InputStream in) throws IOException {
        String statusLine = readLine(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new MalformedResponseException("the server did not answer with HTTP/1.x");
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new MalformedResponseException("the server sent an invalid status code");
        }
        if (status < 100 || status > 599) {
            throw new MalformedResponseException("the server sent an invalid status code");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        int total = statusLine.length();
        int count = 0;
        while (true) {
            String line = readLine(in);
            if (line.isEmpty()) {
                break;
            }
            total += line.length();
            if (++count > MAX_HEADERS || total > MAX_HEADER_BYTES) {
                throw new MalformedResponseException("the server sent too many response headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            headers.merge(name, value, (first, next) -> first + ", " + next);
        }
        return new Head(status, headers);
    }

    /** A line up to CRLF (or LF), as ISO-8859-1, without the line end. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the connection closed in the middle of the response head");
            }
            if (c == '\n') {
                break;
            }
            if (line.size() >= MAX_LINE) {
                throw new MalformedResponseException("the server sent a response line longer than " + MAX_LINE + " bytes");
            }
            line.write(c);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    /** The body of a response with {@code head}, framed by chunked coding, Content-Length, or the connection's end. */
    static InputStream body(Head head, InputStream in) throws IOException {
        if (head.status() == 204 || head.status() == 304) {
            return InputStream.nullInputStream();
        }
        List<String> codings = new ArrayList<>();
        head.header("transfer-encoding").ifPresent(value -> {
            for (String coding : value.split(",")) {
                codings.add(coding.trim().toLowerCase(Locale.ROOT));
            }
        });
        if (!codings.isEmpty() && codings.get(codings.size() - 1).equals("chunked")) {
            return new ChunkedInputStream(in);
        }
        Optional<String> length = head.header("content-length");
        if (length.isPresent() && codings.isEmpty()) {
            try {
                long bytes = Long.parseLong(length.get().split(",")[0].trim());
                if (bytes < 0) {
                    throw new MalformedResponseException("the server sent a negative Content-Length");
                }
                return new BoundedInputStream(in, bytes);
            } catch (NumberFormatException e) {
                throw new MalformedResponseException("the server sent an invalid Content-Length");
            }
        }
        return in;
    }

    /** A response that does not follow HTTP/1.1. */
    static final class MalformedResponseException extends IOException {

        private static final long serialVersionUID = 1L;

        MalformedResponseException(String message) {
            super(message);
        }
    }

    /** Exactly {@code remaining} bytes of the underlying stream. */
    private static final class BoundedInputStream extends FilterInputStream {

        private long remaining;

        BoundedInputStream(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                remaining -= read;
            }
            return read;
        }
    }

    /** Undoes chunked transfer coding; stops at the last chunk (trailers are not read). */
    private static final class ChunkedInputStream extends FilterInputStream {

        private long chunkRemaining;
        private boolean finished;

        ChunkedInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (finished) {
                return -1;
            }
            if (chunkRemaining == 0) {
                String line = readLine(in);
                int extension = line.indexOf(';');
                String size = (extension >= 0 ? line.substring(0, extension) : line).trim();
                try {
                    chunkRemaining = Long.parseLong(size, 16);
                } catch (NumberFormatException e) {
                    throw new MalformedResponseException("the server sent an invalid chunk size");
                }
                if (chunkRemaining < 0) {
                    throw new MalformedResponseException("the server sent an invalid chunk size");
                }
                if (chunkRemaining == 0) {
                    finished = true;
                    return -1;
                }
            }
            int read = in.read(buffer, offset, (int) Math.min(length, chunkRemaining));
            if (read < 0) {
                throw new EOFException("the connection closed in the middle of a chunk");
            }
            chunkRemaining -= read;
            if (chunkRemaining == 0) {
                readLine(in);
            }
            return read;
        }
    }
}
