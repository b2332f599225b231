package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.security.BuiltInContexts;
import ai.aegis.domain.security.Capability;
import ai.aegis.domain.security.SecurityContext;
import ai.aegis.domain.security.SecurityContextName;
import ai.aegis.domain.security.ToolPattern;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ExecutionContextJsonTest {

    @Test
    void writeThenRead_everyBuiltInContext_equal() {
        for (SecurityContext context : BuiltInContexts.all()) {
            assertThat(ExecutionContextJson.read(ExecutionContextJson.write(context))).isEqualTo(context);
        }
    }

    @Test
    void writeThenRead_narrowedContext_keepsOrderAllowlistsAndDenyList() {
        SecurityContext context = ExecutionTestTrees.NARROWED;

        SecurityContext read = ExecutionContextJson.read(ExecutionContextJson.write(context));

        assertThat(read).isEqualTo(context);
        assertThat(read.capabilities()).extracting(Capability::toString)
                .containsExactly("fs.*", "cmd.run", "web.fetch", "web.search");
        assertThat(read.denyList()).containsExactly(ToolPattern.of("fs.delete"));
    }

    @Test
    void writeThenRead_absentAndEmptyAllowlists_keptApart() {
        Capability unrestricted = Capability.of("cmd.run");
        Capability nothingAllowed = new Capability(ToolPattern.of("cmd.run"), Optional.of(List.of()), Optional.of(List.of()),
                Optional.of(List.of()), OptionalLong.empty());
        SecurityContext one = SecurityContext.of(SecurityContextName.of("zaru-test"), List.of(unrestricted), List.of());
        SecurityContext other = SecurityContext.of(SecurityContextName.of("zaru-test"), List.of(nothingAllowed), List.of());

        assertThat(ExecutionContextJson.read(ExecutionContextJson.write(one))).isEqualTo(one);
        assertThat(ExecutionContextJson.read(ExecutionContextJson.write(other))).isEqualTo(other);
        assertThat(ExecutionContextJson.write(one)).isNotEqualTo(ExecutionContextJson.write(other));
    }

    @Test
    void read_textTheCodecNeverWrote_refused() {
        assertThatThrownBy(() -> ExecutionContextJson.read("not json")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ExecutionContextJson.read("{\"name\": \"zaru-x\", \"deny\": []}"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ExecutionContextJson.read(
                "{\"name\": \"zaru-x\", \"capabilities\": [{\"tool\": \"fs.*\", \"paths\": [\"/workspace/../etc\"]}],"
                        + " \"deny\": []}"))
                .isInstanceOf(InvalidInputException.class);
    }
}
