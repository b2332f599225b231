package ai.aegis.domain.error;

/** A dependency the request needs is not reachable right now. */
public final class UnavailableException extends DomainException {

    private static final long serialVersionUID = 1L;

    public UnavailableException(String code, String message) {
        super(ErrorKind.UNAVAILABLE, code, message);
    }

    public UnavailableException(String code, String message, Throwable cause) {
        super(ErrorKind.UNAVAILABLE, code, message, cause);
    }
}
