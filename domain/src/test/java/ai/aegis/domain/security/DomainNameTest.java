package ai.aegis.domain.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNameTest {

    @ParameterizedTest
    @CsvSource({
        "example.com, true",
        "api.example.com, true",
        "a.b.example.com, true",
        "EXAMPLE.com, true",
        "Api.Example.COM., true",
        "example.com., true",
        "badexample.com, false",
        "example.com.evil.net, false",
        "example.org, false",
        "com, false"
    })
    void isWithin_exampleCom_onLabelBoundariesCaseInsensitively(String host, boolean expected) {
        assertThat(DomainName.parse(host).isWithin(DomainName.parse("example.com"))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "exa mple.com", "-bad.com", "bad-.com", "a..b", "ex_ample.com", "http://example.com"})
    void parse_notAHostName_refused(String text) {
        assertThatThrownBy(() -> DomainName.parse(text)).isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("code", "policy.invalid_domain");
    }

    @ParameterizedTest
    @CsvSource({"Example.COM., example.com", "  API.example.com , api.example.com"})
    void parse_mixedCaseAndTrailingDot_canonical(String text, String expected) {
        assertThat(DomainName.parse(text).value()).isEqualTo(expected);
    }
}
