package ai.aegis.domain.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {

    @Test
    void canonicalize_rfc8785Example_matchesPublishedOutput() {
        String input = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
                + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
                + "  \"literals\": [null, true, false]\n}";

        String canonical = CanonicalJson.canonicalize(input);

        assertThat(canonical).isEqualTo("{\"literals\":[null,true,false],"
                + "\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void canonicalize_rfc8785SortingExample_ordersByUtf16CodeUnits() {
        String input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
                + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\","
                + "\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";

        String canonical = CanonicalJson.canonicalize(input);

        assertThat(canonical).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "-0, 0",
        "5e-324, 5e-324",
        "-5e-324, -5e-324",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        "9007199254740992, 9007199254740992",
        "-9007199254740992, -9007199254740992",
        "295147905179352830000, 295147905179352830000",
        "1e21, 1e+21",
        "999999999999999900000, 999999999999999900000",
        "1e-7, 1e-7",
        "0.000001, 0.000001",
        "0.000001234, 0.000001234",
        "1e23, 1e+23",
        "4.50, 4.5",
        "2e-3, 0.002",
        "100, 100",
        "123.456, 123.456",
        "0.1, 0.1",
        "2.82879384806159e17, 282879384806159000",
        "1.2345e-10, 1.2345e-10"
    })
    void formatNumber_ecmascriptRules_matchesExpected(String input, String expected) {
        assertThat(CanonicalJson.canonicalize(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"a\":1,\"a\":2}",
        "{\"a\":1,}",
        "[1,2",
        "01",
        "1.",
        "-",
        "1e",
        "NaN",
        "\"\\ud800\"",
        "\"tab\there\"",
        "{'a':1}",
        "1e400",
        "[] []",
        "\"\\x\""
    })
    void parse_invalidJson_refusedAsMalformed(String input) {
        assertThatThrownBy(() -> CanonicalJson.parse(input))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code())
                .isEqualTo("json.malformed");
    }

    @Test
    void parse_nestingBeyondLimit_refused() {
        String deep = "[".repeat(CanonicalJson.MAX_DEPTH + 2) + "]".repeat(CanonicalJson.MAX_DEPTH + 2);

        assertThatThrownBy(() -> CanonicalJson.parse(deep)).isInstanceOf(InvalidInputException.class);
    }

    @Property
    void appendString_anyValidText_sameAsTheStringsCanonicalForm(@ForAll String raw) {
        String text = toValidUnicode(raw);
        StringBuilder out = new StringBuilder("x");

        CanonicalJson.appendString(text, out);

        assertThat(out.toString()).isEqualTo("x" + CanonicalJson.serialize(new JsonValue.JsonString(text)));
    }

    @Test
    void appendString_loneSurrogate_refused() {
        assertThatThrownBy(() -> CanonicalJson.appendString("a\uD800b", new StringBuilder()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void formatNumber_anyFiniteDouble_readsBackExactly(@ForAll double value) {
        String text = CanonicalJson.formatNumber(value);

        assertThat(Double.parseDouble(text)).isEqualTo(value == 0 ? 0.0 : value);
    }

    @Property
    void canonicalize_keyOrderAndWhitespace_doNotChangeTheResult(@ForAll("objects") JsonValue value,
            @ForAll long seed) {
        String compact = CanonicalJson.serialize(value);
        String shuffledAndSpaced = render(value, new Random(seed));

        assertThat(CanonicalJson.canonicalize(shuffledAndSpaced)).isEqualTo(compact);
        assertThat(CanonicalJson.canonicalize(compact)).isEqualTo(compact);
    }

    @Provide
    Arbitrary<JsonValue> objects() {
        return values(3).filter(v -> v instanceof JsonValue.JsonObject);
    }

    static Arbitrary<JsonValue> values(int depth) {
        Arbitrary<JsonValue> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(s -> toValidUnicode(s)).map(JsonValue.JsonString::new),
                Arbitraries.doubles().map(JsonValue.JsonNumber::new),
                Arbitraries.integers().map(i -> new JsonValue.JsonNumber(i)),
                Arbitraries.of(true, false).map(JsonValue.JsonBoolean::new),
                Arbitraries.just(JsonValue.JsonNull.INSTANCE));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonValue> child = values(depth - 1);
        Arbitrary<JsonValue> object = Arbitraries.maps(
                Arbitraries.strings().ofMaxLength(8).map(CanonicalJsonTest::toValidUnicode), child)
                .ofMaxSize(5).map(m -> new JsonValue.JsonObject(m));
        Arbitrary<JsonValue> array = child.list().ofMaxSize(4).map(l -> new JsonValue.JsonArray(l));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, leaf), net.jqwik.api.Tuple.of(3, object), net.jqwik.api.Tuple.of(1, array));
    }

    static String toValidUnicode(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isSurrogate(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Renders JSON with shuffled members, random whitespace and gratuitous escapes. */
    private static String render(JsonValue value, Random random) {
        String ws = List.of("", " ", "\n", "\t ", "\r\n  ").get(random.nextInt(5));
        if (value instanceof JsonValue.JsonObject object) {
            List<Map.Entry<String, JsonValue>> entries = new ArrayList<>(object.members().entrySet());
            Collections.shuffle(entries, random);
            StringBuilder out = new StringBuilder("{").append(ws);
            for (int i = 0; i < entries.size(); i++) {
                if (i > 0) {
                    out.append(',').append(ws);
                }
                out.append(escapeAll(entries.get(i).getKey())).append(ws).append(':').append(ws)
                        .append(render(entries.get(i).getValue(), random));
            }
            return out.append(ws).append('}').toString();
        }
        if (value instanceof JsonValue.JsonArray array) {
            StringBuilder out = new StringBuilder("[").append(ws);
            for (int i = 0; i < array.elements().size(); i++) {
                if (i > 0) {
                    out.append(ws).append(',');
                }
                out.append(render(array.elements().get(i), random));
            }
            return out.append(ws).append(']').toString();
        }
        if (value instanceof JsonValue.JsonString string) {
            return escapeAll(string.value());
        }
        if (value instanceof JsonValue.JsonNumber number) {
            return random.nextBoolean() ? Double.toString(number.value()) : String.format(java.util.Locale.ROOT, "%.17e", number.value());
        }
        return CanonicalJson.serialize(value);
    }

    private static String escapeAll(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            out.append(String.format("\\u%04X", (int) s.charAt(i)));
        }
        return out.append('"').toString();
    }
}
