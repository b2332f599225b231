package ai.aegis.domain.error;

/** The caller could not be identified. The code says why (for example {@code token.expired}); the message never contains the credential. */
public final class UnauthenticatedException extends DomainException {

    private static final long serialVersionUID = 1L;

    public UnauthenticatedException(String code, String message) {
        super(ErrorKind.UNAUTHENTICATED, code, message);
    }

    public UnauthenticatedException(String code, String message, Throwable cause) {
        super(ErrorKind.UNAUTHENTICATED, code, message, cause);
    }
}
