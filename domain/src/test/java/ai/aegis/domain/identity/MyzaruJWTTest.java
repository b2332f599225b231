package ai.aegis.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.UnauthenticatedException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class MyzaruJWTTest {

    private static final String TOKEN = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXBhcnQ";

    @Test
    void toString_anyToken_neverShowsAnyPart() {
        MyzaruJWT jwt = MyzaruJWT.of(TOKEN);

        assertThat(jwt.toString()).isEqualTo("MyzaruJWT[redacted]");
        for (String part : TOKEN.split("\\.")) {
            assertThat(jwt.toString()).doesNotContain(part);
            assertThat(String.valueOf(jwt.hashCode())).doesNotContain(part);
        }
    }

    @Test
    void reveal_wrappedToken_returnsIt() {
        assertThat(MyzaruJWT.of(TOKEN).reveal()).isEqualTo(TOKEN);
    }

    @Test
    void equals_sameToken_equalAndDifferentTokenNot() {
        assertThat(MyzaruJWT.of(TOKEN)).isEqualTo(MyzaruJWT.of(TOKEN));
        assertThat(MyzaruJWT.of(TOKEN)).isNotEqualTo(MyzaruJWT.of(TOKEN + "x"));
    }

    @Test
    void fingerprint_token_isSha256HexAndNotTheToken() {
        String fingerprint = MyzaruJWT.of(TOKEN).fingerprint();

        assertThat(fingerprint).hasSize(64).matches("[0-9a-f]+");
        assertThat(fingerprint).isEqualTo(MyzaruJWT.of(TOKEN).fingerprint());
        assertThat(fingerprint).isNotEqualTo(MyzaruJWT.of(TOKEN + "x").fingerprint());
    }

    @Test
    void of_blank_refusedAsMissing() {
        assertThatThrownBy(() -> MyzaruJWT.of(" ")).isInstanceOf(UnauthenticatedException.class)
                .extracting("code").isEqualTo("token.missing");
    }

    @Test
    void of_tooLarge_refusedWithoutEchoingIt() {
        String huge = "a".repeat(MyzaruJWT.MAX_LENGTH) + ".b.c";

        assertThatThrownBy(() -> MyzaruJWT.of(huge))
                .extracting("code").isEqualTo("token.malformed");
    }

    @Property
    void of_malformedShape_messageNeverContainsTheInput(@ForAll @AlphaChars @StringLength(min = 12, max = 60) String body,
                                                         @ForAll("badShapes") String shape) {
        String candidate = shape.replace("X", body);

        assertThatThrownBy(() -> MyzaruJWT.of(candidate))
                .isInstanceOf(UnauthenticatedException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(body));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> badShapes() {
        return net.jqwik.api.Arbitraries.of("X", "X.X", "X.X.X.X", ".X.X", "X..X", "X.X.X=", "X X.X.X", "X.X.X\n");
    }
}
