package ai.aegis.domain.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.PreconditionFailedException;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExecutionStatusTest {

    private static final Set<String> LEGAL = Set.of(
            "PENDING>RUNNING", "PENDING>CANCELLED", "PENDING>FAILED", "PENDING>TIMED_OUT",
            "RUNNING>COMPLETED", "RUNNING>FAILED", "RUNNING>CANCELLED", "RUNNING>TIMED_OUT");

    @Test
    void canTransitionTo_everyPair_onlyLegalOnes() {
        for (ExecutionStatus from : ExecutionStatus.values()) {
            for (ExecutionStatus to : ExecutionStatus.values()) {
                assertThat(from.canTransitionTo(to)).as(from + ">" + to).isEqualTo(LEGAL.contains(from + ">" + to));
            }
        }
    }

    @Test
    void requireTransitionTo_everyIllegalPair_refusedNamingFromAndTo() {
        for (ExecutionStatus from : ExecutionStatus.values()) {
            for (ExecutionStatus to : ExecutionStatus.values()) {
                if (!LEGAL.contains(from + ">" + to)) {
                    assertThatThrownBy(() -> from.requireTransitionTo(to, ExecutionId.of("e1")))
                            .isInstanceOf(PreconditionFailedException.class)
                            .hasFieldOrPropertyWithValue("code", "execution.illegal_transition")
                            .hasMessageContaining("from " + from.displayName() + " to " + to.displayName());
                }
            }
        }
    }

    @Test
    void isTerminal_exactlyTheFourEndStates() {
        Set<ExecutionStatus> terminal = EnumSet.noneOf(ExecutionStatus.class);
        for (ExecutionStatus status : ExecutionStatus.values()) {
            if (status.isTerminal()) {
                terminal.add(status);
            }
            assertThat(status.isActive()).isEqualTo(!status.isTerminal());
        }
        assertThat(terminal).containsExactlyInAnyOrder(ExecutionStatus.COMPLETED, ExecutionStatus.FAILED,
                ExecutionStatus.CANCELLED, ExecutionStatus.TIMED_OUT);
    }
}
