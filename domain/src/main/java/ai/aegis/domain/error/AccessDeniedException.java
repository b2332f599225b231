package ai.aegis.domain.error;

/** The caller is known but policy refuses the action; the message says which rule refused it. */
public final class AccessDeniedException extends DomainException {

    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String code, String message) {
        super(ErrorKind.PERMISSION_DENIED, code, message);
    }

    public AccessDeniedException(String code, String message, Throwable cause) {
        super(ErrorKind.PERMISSION_DENIED, code, message, cause);
    }
}
