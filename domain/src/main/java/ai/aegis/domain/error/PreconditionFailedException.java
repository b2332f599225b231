package ai.aegis.domain.error;

/** The request is valid but the current state forbids it (for example a terminal execution). */
public final class PreconditionFailedException extends DomainException {

    private static final long serialVersionUID = 1L;

    public PreconditionFailedException(String code, String message) {
        super(ErrorKind.FAILED_PRECONDITION, code, message);
    }

    public PreconditionFailedException(String code, String message, Throwable cause) {
        super(ErrorKind.FAILED_PRECONDITION, code, message, cause);
    }
}
