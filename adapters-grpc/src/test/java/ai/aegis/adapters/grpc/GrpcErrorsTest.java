package ai.aegis.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.ErrorKind;
import ai.aegis.domain.error.LimitExceededException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GrpcErrorsTest {

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void statusCode_everyKind_mapsToItsNamesake(ErrorKind kind) {
        assertThat(GrpcErrors.statusCode(kind).name()).isEqualTo(kind.name());
    }

    @Test
    void statusCode_allKinds_mapToDistinctCodes() {
        Set<Status.Code> codes = EnumSet.allOf(ErrorKind.class).stream()
                .map(GrpcErrors::statusCode).collect(Collectors.toSet());

        assertThat(codes).hasSize(ErrorKind.values().length);
    }

    @Test
    void toStatus_limitExceeded_resourceExhaustedWithCodeTrailerAndMessage() {
        StatusRuntimeException status = GrpcErrors.toStatus(
                new LimitExceededException("rate.agent_execution.minute", "3 agent executions per minute reached"));

        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(status.getStatus().getDescription()).isEqualTo("3 agent executions per minute reached");
        assertThat(status.getTrailers().get(GrpcErrors.ERROR_CODE)).isEqualTo("rate.agent_execution.minute");
    }

    @Test
    void toStatus_accessDenied_carriesNoCause() {
        StatusRuntimeException status = GrpcErrors.toStatus(new AccessDeniedException("ceiling.tools", "too broad"));

        assertThat(status.getStatus().getCause()).isNull();
    }
}
