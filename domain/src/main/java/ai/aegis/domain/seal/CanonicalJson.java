package ai.aegis.domain.seal;

import ai.aegis.domain.error.InvalidInputException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one JSON canonicaliser of the service: RFC 8785 (JSON Canonicalization Scheme). Everything
 * SEAL signs or verifies goes through here, so two encoders can never disagree about the bytes
 * (the reference implementation had two, and signatures broke between them).
 *
 * <p>It lives in the domain with its own strict RFC 8259 parser because the domain takes no
 * libraries and because the canonical form is part of the SEAL protocol, not of a transport.
 * Rules: members sorted by their UTF-16 code units; no whitespace; strings escaped minimally
 * ({@code \"}, {@code \\}, {@code \b \f \n \r \t}, other controls as a six-character u-escape with lower-case hex); numbers
 * as ECMAScript's {@code Number.prototype.toString}. Duplicate member names, lone surrogates,
 * non-finite numbers and nesting deeper than {@value #MAX_DEPTH} are refused.
 */
public final class CanonicalJson {

    /** Deepest nesting accepted; envelopes never need more and recursion stays bounded. */
    public static final int MAX_DEPTH = 64;

    private CanonicalJson() {
    }

    /**
     * Parses JSON text and returns its canonical form.
     *
     * @throws InvalidInputException code {@code json.malformed} when the text is not acceptable JSON
     */
    public static String canonicalize(String json) {
        return serialize(parse(json));
    }

    /**
     * Parses JSON text strictly (RFC 8259, plus the I-JSON limits RFC 8785 relies on).
     *
     * @throws InvalidInputException code {@code json.malformed} naming the offset of the problem
     */
    public static JsonValue parse(String json) {
        if (json == null) {
            throw new InvalidInputException("json.malformed", "no JSON text was given");
        }
        Parser parser = new Parser(json);
        parser.skipWhitespace();
        JsonValue value = parser.value(0);
        parser.skipWhitespace();
        if (parser.pos != json.length()) {
            throw parser.error("unexpected text after the JSON value");
        }
        return value;
    }

    /** The RFC 8785 canonical text of a value. */
    public static String serialize(JsonValue value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    /**
     * Appends {@code s} as it appears in canonical text (quoted, minimally escaped), for writers that
     * build large canonical documents piece by piece.
     *
     * @throws IllegalArgumentException when {@code s} is not valid Unicode (a lone surrogate)
     */
    public static void appendString(String s, StringBuilder out) {
        writeString(JsonValue.JsonString.requireValidUnicode(s), out);
    }

    private static void write(JsonValue value, StringBuilder out) {
        if (value instanceof JsonValue.JsonObject object) {
            Map<String, JsonValue> sorted = new TreeMap<>(object.members());
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonValue> e : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(e.getKey(), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof JsonValue.JsonArray array) {
            out.append('[');
            for (int i = 0; i < array.elements().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(array.elements().get(i), out);
            }
            out.append(']');
        } else if (value instanceof JsonValue.JsonString string) {
            writeString(string.value(), out);
        } else if (value instanceof JsonValue.JsonNumber number) {
            out.append(formatNumber(number.value()));
        } else if (value instanceof JsonValue.JsonBoolean bool) {
            out.append(bool.value() ? "true" : "false");
        } else {
            out.append("null");
        }
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    /**
     * ECMAScript {@code Number.prototype.toString} of a finite double: the shortest decimal that
     * reads back as the same double (the closest one when several are that short), laid out in
     * plain or exponent form by the ECMAScript rules.
     */
    static String formatNumber(double v) {
        if (v == 0) {
            return "0";
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("JSON numbers are finite");
        }
        String sign = v < 0 ? "-" : "";
        BigDecimal exact = new BigDecimal(Math.abs(v));
        BigDecimal shortest = null;
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == Math.abs(v)) {
                shortest = candidate;
                break;
            }
        }
        if (shortest == null) {
            shortest = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale();
        StringBuilder out = new StringBuilder(sign);
        if (k <= n && n <= 21) {
            out.append(digits);
            for (int i = 0; i < n - k; i++) {
                out.append('0');
            }
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.");
            for (int i = 0; i < -n; i++) {
                out.append('0');
            }
            out.append(digits);
        } else {
            int e = n - 1;
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
        return out.toString();
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        InvalidInputException error(String what) {
            return new InvalidInputException("json.malformed", "invalid JSON at offset " + pos + ": " + what);
        }

        void skipWhitespace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    pos++;
                } else {
                    return;
                }
            }
        }

        JsonValue value(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH);
            }
            if (pos >= text.length()) {
                throw error("unexpected end of text");
            }
            char c = text.charAt(pos);
            switch (c) {
                case '{':
                    return object(depth);
                case '[':
                    return array(depth);
                case '"':
                    return new JsonValue.JsonString(string());
                case 't':
                    literal("true");
                    return new JsonValue.JsonBoolean(true);
                case 'f':
                    literal("false");
                    return new JsonValue.JsonBoolean(false);
                case 'n':
                    literal("null");
                    return JsonValue.JsonNull.INSTANCE;
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("unexpected character");
            }
        }

        private void literal(String word) {
            if (!text.startsWith(word, pos)) {
                throw error("unexpected character");
            }
            pos += word.length();
        }

        private JsonValue object(int depth) {
            pos++;
            Map<String, JsonValue> members = new LinkedHashMap<>();
            skipWhitespace();
            if (pos < text.length() && text.charAt(pos) == '}') {
                pos++;
                return new JsonValue.JsonObject(members);
            }
            while (true) {
                skipWhitespace();
                if (pos >= text.length() || text.charAt(pos) != '"') {
                    throw error("expected a member name");
                }
                int at = pos;
                String name = string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                JsonValue value = value(depth + 1);
                if (members.put(name, value) != null) {
                    pos = at;
                    throw error("duplicate member name");
                }
                skipWhitespace();
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                expect('}');
                return new JsonValue.JsonObject(members);
            }
        }

        private JsonValue array(int depth) {
            pos++;
            List<JsonValue> elements = new ArrayList<>();
            skipWhitespace();
            if (pos < text.length() && text.charAt(pos) == ']') {
                pos++;
                return new JsonValue.JsonArray(elements);
            }
            while (true) {
                skipWhitespace();
                elements.add(value(depth + 1));
                skipWhitespace();
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                expect(']');
                return new JsonValue.JsonArray(elements);
            }
        }

        private void expect(char c) {
            if (pos >= text.length() || text.charAt(pos) != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private String string() {
            pos++;
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    break;
                }
                if (c < 0x20) {
                    throw error("control character in a string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (pos >= text.length()) {
                    throw error("unterminated escape");
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case '"':
                    case '\\':
                    case '/':
                        out.append(e);
                        break;
                    case 'b':
                        out.append('\b');
                        break;
                    case 'f':
                        out.append('\f');
                        break;
                    case 'n':
                        out.append('\n');
                        break;
                    case 'r':
                        out.append('\r');
                        break;
                    case 't':
                        out.append('\t');
                        break;
                    case 'u':
                        if (pos + 4 > text.length()) {
                            throw error("short unicode escape");
                        }
                        int code = 0;
                        for (int i = 0; i < 4; i++) {
                            int d = Character.digit(text.charAt(pos + i), 16);
                            if (d < 0) {
                                throw error("bad unicode escape");
                            }
                            code = code * 16 + d;
                        }
                        pos += 4;
                        out.append((char) code);
                        break;
                    default:
                        throw error("unknown escape");
                }
            }
            String s = out.toString();
            try {
                return JsonValue.JsonString.requireValidUnicode(s);
            } catch (IllegalArgumentException e) {
                throw error("lone surrogate in a string");
            }
        }

        private JsonValue number() {
            int start = pos;
            if (text.charAt(pos) == '-') {
                pos++;
            }
            if (pos < text.length() && text.charAt(pos) == '0') {
                pos++;
            } else if (pos < text.length() && text.charAt(pos) >= '1' && text.charAt(pos) <= '9') {
                digits();
            } else {
                throw error("bad number");
            }
            if (pos < text.length() && text.charAt(pos) == '.') {
                pos++;
                if (digits() == 0) {
                    throw error("bad number fraction");
                }
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                pos++;
                if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                    pos++;
                }
                if (digits() == 0) {
                    throw error("bad number exponent");
                }
            }
            double v = Double.parseDouble(text.substring(start, pos));
            if (Double.isInfinite(v)) {
                pos = start;
                throw error("number out of the IEEE-754 double range");
            }
            return new JsonValue.JsonNumber(v);
        }

        private int digits() {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            return pos - start;
        }
    }
}
