package ai.aegis.domain.error;

/** A rate limit, quota or concurrency limit refuses the request for now. */
public final class LimitExceededException extends DomainException {

    private static final long serialVersionUID = 1L;

    public LimitExceededException(String code, String message) {
        super(ErrorKind.RESOURCE_EXHAUSTED, code, message);
    }

    public LimitExceededException(String code, String message, Throwable cause) {
        super(ErrorKind.RESOURCE_EXHAUSTED, code, message, cause);
    }
}
