package ai.aegis.domain.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DomainExceptionTest {

    @Test
    void everySubclass_constructed_carriesItsOwnKind() {
        List<DomainException> all = List.of(
                new InvalidInputException("a.b", "m"), new UnauthenticatedException("a.b", "m"),
                new AccessDeniedException("a.b", "m"), new NotFoundException("a.b", "m"),
                new PreconditionFailedException("a.b", "m"), new AlreadyExistsException("a.b", "m"),
                new LimitExceededException("a.b", "m"), new UnavailableException("a.b", "m"));

        assertThat(all).extracting(DomainException::kind).containsExactly(ErrorKind.values());
    }

    @Test
    void constructor_codeNotDottedSnakeCase_refused() {
        assertThatThrownBy(() -> new NotFoundException("Not Found", "m")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NotFoundException(null, "m")).isInstanceOf(IllegalArgumentException.class);
    }
}
