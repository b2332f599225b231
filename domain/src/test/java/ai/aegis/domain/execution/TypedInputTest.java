package ai.aegis.domain.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypedInputTest {

    @Test
    void new_valueOfTheDeclaredType_accepted() {
        assertThat(new TypedInput("count", InputType.INTEGER, 3).value()).isEqualTo(3);
        assertThat(new TypedInput("count", InputType.INTEGER, 3.0).value()).isEqualTo(3.0);
        assertThat(new TypedInput("ratio", InputType.NUMBER, 0.5).value()).isEqualTo(0.5);
        assertThat(new TypedInput("items", InputType.ARRAY, List.of(1, 2)).value()).isEqualTo(List.of(1, 2));
        assertThat(new TypedInput("config", InputType.OBJECT, Map.of("a", 1)).value()).isEqualTo(Map.of("a", 1));
        assertThat(new TypedInput("on", InputType.BOOLEAN, true).value()).isEqualTo(true);
    }

    @Test
    void new_textWhereANumberIsDeclared_refusedNamingInputTypeAndValue() {
        assertThatThrownBy(() -> new TypedInput("count", InputType.INTEGER, "three"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("input 'count' is declared as integer but the value given is a string");
    }

    @Test
    void new_fractionWhereAnIntegerIsDeclared_refused() {
        assertThatThrownBy(() -> new TypedInput("count", InputType.INTEGER, 2.5))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("a number");
    }

    @Test
    void new_nameThatIsNoIdentifier_refused() {
        assertThatThrownBy(() -> new TypedInput("rm -rf", InputType.STRING, "x"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("rm -rf");
    }

    @Test
    void parse_unknownType_refusedListingTheTypes() {
        assertThatThrownBy(() -> InputType.parse("float"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("string, number, integer");
        assertThat(InputType.parse("Integer")).isEqualTo(InputType.INTEGER);
    }
}
