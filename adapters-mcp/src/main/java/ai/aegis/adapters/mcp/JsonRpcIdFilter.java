package ai.aegis.adapters.mcp;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notes the JSON-RPC id of a {@code tools/call} on the request, because the SDK does not hand it
 * to tool handlers and {@code notifications/cancelled} names the call by that id. The body is read
 * once here and replayed to the transport. Bodies that are not a JSON object pass untouched.
 */
public final class JsonRpcIdFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String REQUEST_ID_ATTRIBUTE = "aegis.jsonrpc_id";
    /** The body as read here (at most the size limit), for filters behind this one; they must not read the stream. */
    static final String BODY_ATTRIBUTE = "aegis.jsonrpc_body";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_BYTES = 1024 * 1024;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        // A declared length is read exactly: reading up to the limit instead allocates a 16 KB buffer per request.
        int declared = request.getContentLength();
        byte[] body = request.getInputStream().readNBytes(declared >= 0 && declared <= MAX_BYTES ? declared : MAX_BYTES + 1);
        if (body.length <= MAX_BYTES) {
            request.setAttribute(BODY_ATTRIBUTE, body);
            String id = toolCallId(body);
            if (id != null) {
                request.setAttribute(REQUEST_ID_ATTRIBUTE, id);
            }
        }
        chain.doFilter(new Replayed(request, body), response);
    }

    private static String toolCallId(byte[] body) {
        if (indexOf(body, "tools/call") < 0) {
            return null;
        }
        try {
            JsonNode message = JSON.readTree(body);
            JsonNode id = message.get("id");
            if (message.isObject() && id != null && !id.isNull() && "tools/call".equals(message.path("method").asString())) {
                return id.isString() ? id.asString() : id.toString();
            }
        } catch (RuntimeException malformed) {
            // The transport answers malformed JSON itself.
        }
        return null;
    }

    private static int indexOf(byte[] body, String ascii) {
        byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= body.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The request with its body available again. */
    private static final class Replayed extends HttpServletRequestWrapper {
        private final byte[] body;

        Replayed(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the replayed body is read synchronously");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
