package ai.aegis.adapters.grpc;

import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.ErrorKind;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The one place where domain failures become gRPC statuses. The status description is the
 * domain message (written for people, free of secrets); the stable reason code travels in the
 * {@code aegis-error-code} trailer so clients never parse descriptions.
 */
public final class GrpcErrors {

    /** Trailer carrying {@link DomainException#code()}. */
    public static final Metadata.Key<String> ERROR_CODE =
            Metadata.Key.of("aegis-error-code", Metadata.ASCII_STRING_MARSHALLER);

    private GrpcErrors() {
    }

    public static Status.Code statusCode(ErrorKind kind) {
        switch (kind) {
            case INVALID_ARGUMENT:
                return Status.Code.INVALID_ARGUMENT;
            case UNAUTHENTICATED:
                return Status.Code.UNAUTHENTICATED;
            case PERMISSION_DENIED:
                return Status.Code.PERMISSION_DENIED;
            case NOT_FOUND:
                return Status.Code.NOT_FOUND;
            case FAILED_PRECONDITION:
                return Status.Code.FAILED_PRECONDITION;
            case ALREADY_EXISTS:
                return Status.Code.ALREADY_EXISTS;
            case RESOURCE_EXHAUSTED:
                return Status.Code.RESOURCE_EXHAUSTED;
            case UNAVAILABLE:
                return Status.Code.UNAVAILABLE;
            default:
                throw new IllegalArgumentException("unmapped error kind " + kind);
        }
    }

    /** The exception a service method hands to {@code StreamObserver.onError}. */
    public static StatusRuntimeException toStatus(DomainException failure) {
        Metadata trailers = new Metadata();
        trailers.put(ERROR_CODE, failure.code());
        return Status.fromCode(statusCode(failure.kind()))
                .withDescription(failure.getMessage())
                .asRuntimeException(trailers);
    }
}
