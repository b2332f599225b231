package ai.aegis.bootstrap.ops;

import ai.aegis.adapters.grpc.GrpcErrors;
import ai.aegis.application.port.out.OperationalMetricsPort;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Outermost on every gRPC service: a correlation id ({@code x-request-id} metadata when sane, else a
 * new one) in the logging context while the call's handlers run, and one {@code grpc} request
 * metric per call by method and status; an {@code UNAUTHENTICATED} or {@code RESOURCE_EXHAUSTED}
 * close also counts as a refusal under the error code the service put in the trailers.
 */
public final class GrpcObservabilityInterceptor implements ServerInterceptor {

    private static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id",
            Metadata.ASCII_STRING_MARSHALLER);
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final OperationalMetricsPort metrics;

    public GrpcObservabilityInterceptor(OperationalMetricsPort metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String given = headers.get(REQUEST_ID);
        String id = given != null && SANE_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        String method = call.getMethodDescriptor().getFullMethodName();
        long started = System.nanoTime();
        ServerCall<Q, R> observed = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                String outcome = status.isOk() ? "ok" : status.getCode().name().toLowerCase(Locale.ROOT);
                metrics.requestEnded("grpc", method, outcome, Duration.ofNanos(System.nanoTime() - started));
                String code = trailers.get(GrpcErrors.ERROR_CODE);
                if (code != null && status.getCode() == Status.Code.UNAUTHENTICATED) {
                    metrics.authenticationRefused("grpc", code);
                } else if (code != null && status.getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                    metrics.limitRefused("grpc", code);
                }
                super.close(status, trailers);
            }
        };
        ServerCall.Listener<Q> listener = withId(id, () -> next.startCall(observed, headers));
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onMessage(Q message) {
                withId(id, () -> {
                    super.onMessage(message);
                    return null;
                });
            }

            @Override
            public void onHalfClose() {
                withId(id, () -> {
                    super.onHalfClose();
                    return null;
                });
            }

            @Override
            public void onCancel() {
                withId(id, () -> {
                    super.onCancel();
                    return null;
                });
            }
        };
    }

    private static <T> T withId(String id, java.util.function.Supplier<T> work) {
        MDC.put(RequestContextFilter.REQUEST_ID, id);
        try {
            return work.get();
        } finally {
            MDC.remove(RequestContextFilter.REQUEST_ID);
        }
    }
}
