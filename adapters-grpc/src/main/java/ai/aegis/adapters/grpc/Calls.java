package ai.aegis.adapters.grpc;

import ai.aegis.domain.error.DomainException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** Runs a unary call: its answer, or its domain refusal mapped by {@link GrpcErrors}. */
final class Calls {

    private Calls() {
    }

    static <T> void unary(StreamObserver<T> response, Supplier<T> work) {
        T answer;
        try {
            answer = work.get();
        } catch (DomainException refusal) {
            response.onError(GrpcErrors.toStatus(refusal));
            return;
        }
        response.onNext(answer);
        response.onCompleted();
    }
}
